using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Rules;

/// <summary>
/// A demo node's rule book: a handful of live rules, drafted by the demo analyst and approved by the demo fraud
/// specialist, and one waiting for approval, so the workbench has something to show and to approve. Ids are fixed, so
/// two nodes starting together add them once (the second is refused by the unique version key and says nothing).
/// </summary>
internal sealed partial class DemoRules(DemoMode demo, IServiceScopeFactory scopes, LiveRuleSet liveRules, TimeProvider clock, ILogger<DemoRules> log) : BackgroundService
{
    private const string Analyst = "demo:analyst@demo.ombud.test";
    private const string Specialist = "demo:fraud-specialist@demo.ombud.test";

    public static readonly IReadOnlyList<(string Name, string Expression, RuleAction Action, string Reason, bool Live)> Book =
    [
        ("Many customers on one device", "device.other_customers_7d >= 3", RuleAction.Review,
            "The device was used by three or more other customers this week", true),
        ("New account, large order sent elsewhere", "customer.account_age_days < 1 and order.billing_shipping_mismatch and order.amount > 100000",
            RuleAction.Review, "A day-old account sends a large order to another address than it bills", true),
        ("Confirmed fraud on two identities", "customer.earlier_fraud >= 1 or (device.earlier_fraud >= 1 and ip.earlier_fraud >= 1)",
            RuleAction.Decline, "The customer, or both the device and the IP address, took part in confirmed fraud", true),
        ("Bursts from one IP address", "ip.orders_1h >= 5", RuleAction.Review, "Five or more orders from this IP address in the last hour", true),
        ("Long-standing good customers", "customer.earlier_orders >= 20 and customer.earlier_fraud == 0 and not customer.new_device",
            RuleAction.ApproveOverride, "A customer with twenty good orders, on a device they used before", true),
        ("Electronics and travel at speed", "merchant.category in [\"5732\", \"4722\"] and email.orders_24h >= 3", RuleAction.Review,
            "Three or more orders for electronics or travel from one e-mail address within a day", false),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.IsOn)
        {
            return;
        }

        try
        {
            await AddAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(log, e);
        }
    }

    private async Task AddAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        if (await db.Set<FraudRule>().AnyAsync(stoppingToken))
        {
            return;
        }

        var added = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var (name, expression, action, reason, live) in Book)
            {
                var rule = new FraudRule(IdOf("version:" + name), IdOf(name), 1, name, expression, action, reason, Analyst, now);
                rule.Submit(Analyst, now);
                if (live)
                {
                    rule.Approve(Specialist, "Demo rule book", now);
                }

                db.Add(rule);
            }

            // A snooze running, so the rules page shows one: a family's shared tablet spared the many-customers rule.
            db.Add(new FraudRuleSnooze(IdOf("snooze:family-tablet"), IdOf(Book[0].Name), SnoozeSubject.Device, SnoozedDevice, now.AddHours(72),
                "A family's shared tablet: three siblings order on it, confirmed by phone", Specialist, now));
            return Task.CompletedTask;
        }, stoppingToken, "The demo rule book");
        if (added.Succeeded)
        {
            await liveRules.AnnounceAsync();
            LogAdded(log, Book.Count);
        }
    }

    /// <summary>The device the demo's running snooze spares.</summary>
    public const string SnoozedDevice = "demo-family-tablet-7f3a";

    private static Guid IdOf(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("ombud-demo-rule:" + name)).AsSpan(0, 16));

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: added {Count} fraud rules, one waiting for approval, and a snooze")]
    private static partial void LogAdded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: the fraud rule book could not be added")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
