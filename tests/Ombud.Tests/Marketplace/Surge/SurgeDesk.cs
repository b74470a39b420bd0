using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace.Surge;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Tests.Marketplace.Pay;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Surge;

/// <summary>What the surge tests do beyond the marketplace's desk: a review of the level, a hand-off in a language, events and mail read back.</summary>
internal static class SurgeDesk
{
    /// <summary>
    /// The pay rates of the pay tests, an arrival window of one minute (so a test can let arrivals age out), a high surge of
    /// 1333 ‰, and supply worked out on every read (SupplyCacheTests show what keeping it a few seconds does).
    /// </summary>
    public static Dictionary<string, string?> Settings => new(PayDesk.Settings)
    {
        ["Ombud:Marketplace:Surge:SnapshotSeconds"] = "0",
        ["Ombud:Marketplace:Surge:ArrivalWindowMinutes"] = "1",
        ["Ombud:Marketplace:Surge:Markets:SE:Busy"] = "1100",
        ["Ombud:Marketplace:Surge:Markets:SE:Surge"] = "1250",
        ["Ombud:Marketplace:Surge:Markets:SE:HighSurge"] = "1333",
        ["Ombud:Marketplace:Surge:CallEveryHours"] = "4",
    };

    public static async Task<MarketDesk> OpenAsync(Provider provider) =>
        await MarketDesk.OpenAsync(await OmbudTestApp.StartAsync(provider, settings: Settings));

    /// <summary>The level reviewed now, as the review timer does, in a unit of work of its own.</summary>
    public static async Task<SurgeState> ReviewAsync(this MarketDesk desk) =>
        await InWorkAsync(desk, s => s.GetRequiredService<SurgeBoard>().ReviewAsync(default));

    public static async Task<T> InWorkAsync<T>(MarketDesk desk, Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = desk.App.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
            .RunAsync<T>(async _ => await use(scope.ServiceProvider), default);
        Assert.True(outcome.Succeeded, outcome.Error?.Detail);
        return outcome.Value!;
    }

    /// <summary>A shopper's conversation in <paramref name="language"/> handed to a person, its event delivered.</summary>
    public static async Task<Guid> HandOffInAsync(this MarketDesk desk, Guid customer, string language)
    {
        var conversation = await desk.RunAsync<ConversationService, Guid>(c => c.StartAsync(customer, language, null, default));
        await desk.RunAsync<ConversationService, HandOffRecord>(c => c.HandOffAsync(conversation,
            new HandOffBrief(HandOffReason.Requested, 2, "The shopper asked for a person.", "balance", "", "", language), default));
        await desk.DeliverAsync();
        return conversation;
    }

    public static Task<int> EventsAsync(this MarketDesk desk, string type) =>
        desk.App.WithDbAsync(db => db.Set<Ombud.Platform.Outbox.OutboxMessage>().CountAsync(m => m.Type == type));

    public static Task<int> AuditedAsync(this MarketDesk desk, string action) =>
        desk.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action));

    public static Task<WaitEstimate?> EstimateAsync(this MarketDesk desk, Guid customer, Guid conversation) =>
        desk.RunReadAsync<WaitEstimates, WaitEstimate?>(w => w.ForConversationAsync(customer, conversation, default));
}
