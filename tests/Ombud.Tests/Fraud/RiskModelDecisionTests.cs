using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Fraud.Features;
using Ombud.Fraud.Scoring;
using Ombud.Fraud.Training;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Fraud;

/// <summary>A node given a model file decides with it, and names the model and the features behind the score.</summary>
public sealed class RiskModelDecisionTests
{
    [Fact]
    public async Task A_node_with_a_configured_model_decides_with_it_and_gives_feature_reasons()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ombud-risk-model-").FullName, "model.zip");
        TrainOnAmounts().Save(path);
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Ombud:Fraud:ModelPath"] = path });
        await Eventually.HoldsAsync(() => Task.FromResult(app.Services.GetRequiredService<RiskModels>().Current is not null), TimeSpan.FromMinutes(2),
            "the configured model is loaded");
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant, unitPrice: 5_000_000));

        await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(null, default);

        var decision = Assert.Single(await app.WithDbAsync(db => db.Set<FraudDecision>().AsNoTracking().Where(d => d.OrderId == order).ToListAsync()));
        Assert.StartsWith("model trained", decision.Basis, StringComparison.Ordinal);
        Assert.InRange(decision.Score, 0.5, 1);
        Assert.NotEqual(RiskOutcome.Approve, decision.Outcome);
        Assert.Contains(decision.Reasons, r => r.Code == "order.amount_log10" && r.Text.StartsWith("A large order", StringComparison.Ordinal));
    }

    /// <summary>Orders above 10,000 in their currency are fraud, the rest not: the amount is the one feature that matters.</summary>
    private static RiskModel TrainOnAmounts()
    {
        var amount = RiskFeatures.IndexOf("order.amount_log10");
        var random = new Random(3);
        var examples = Enumerable.Range(0, 400).Select(i =>
        {
            var features = new float[RiskFeatures.Count];
            var major = random.Next(10, 60_000);
            features[amount] = (float)Math.Log10(1 + major);
            return new RiskExample { Features = features, Label = major > 10_000 };
        }).ToList();
        return RiskLearner.Train(examples, "synthetic amounts", DateTime.UtcNow, DateTime.UtcNow, new Dictionary<string, (int, int)>());
    }
}
