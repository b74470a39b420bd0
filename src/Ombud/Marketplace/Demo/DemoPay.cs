using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Conversations;
using Ombud.Marketplace.Pay;
using Ombud.Marketplace.Presence;
using Ombud.Marketplace.Quality;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Demo;

/// <summary>
/// The demo's pay and quality history, planted once at first start: five past days of each agent's time online and
/// conversations paid through the ledger, the floor's top-ups worked out by the floor itself, CSAT answers with a
/// five-star bonus, and two finished conversations of Jonas's in the QA sample, one of them scored through the QA desk.
/// Past days cannot be lived through the live flow on today's clock, so their presence changes and wrap-ups are written
/// as the flow would have written them (the wrap-ups with conversation ids of their own); everything else goes through
/// the same services as the product.
/// </summary>
internal static class DemoPay
{
    private const string Jonas = "Jonas";

    public static async Task PlantAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        if (await db.Set<EarningsEntry>().AnyAsync(ct))
        {
            return;
        }

        var agents = await db.Set<Agent>().AsNoTracking().OrderBy(a => a.CreatedAt).Select(a => new { a.Id, a.DisplayName }).ToListAsync(ct);
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var work = services.GetRequiredService<UnitOfWork>();
        var ledger = services.GetRequiredService<EarningsLedger>();
        await work.RunAsync(async token =>
        {
            for (var back = 5; back >= 1; back--)
            {
                var day = today.AddDays(-back).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                for (var i = 0; i < agents.Count; i++)
                {
                    // Each agent online a stretch of 2 to 4 hours a day, wrapping up a few conversations in it.
                    var online = day.AddHours(8 + i);
                    var hours = 2 + ((back + i) % 3);
                    db.Add(new PresenceChange(agents[i].Id, AgentStatus.Online, online));
                    db.Add(new PresenceChange(agents[i].Id, AgentStatus.Offline, online.AddHours(hours)));
                    for (var c = 0; c < 3 + ((back * (i + 1)) % 5); c++)
                    {
                        var at = online.AddMinutes(20 + (25 * c));
                        var skill = (Skill)((back + c) % 3);
                        await ledger.PayConversationAsync(new ConversationWrappedUp(Guid.CreateVersion7(at), Guid.CreateVersion7(at), agents[i].Id, Guid.Empty,
                            skill, "Requested", ResolutionCode.Answered, at.AddMinutes(-12), at), token);
                    }
                }
            }
        }, ct, "The demo's earnings");

        var floor = services.GetRequiredService<HourlyFloor>();
        for (var back = 5; back >= 1; back--)
        {
            await work.RunAsync(async token => await floor.TopUpAsync(today.AddDays(-back), token), ct, "The demo's floor top-ups");
        }

        if (agents.FirstOrDefault(a => a.DisplayName == Jonas) is { } jonas)
        {
            await ReviewedAsync(services, jonas.Id, jonas.DisplayName, ct);
        }
    }

    /// <summary>Two finished conversations of Jonas's, answered in the survey (one with five stars and its bonus), both in the QA sample, one scored.</summary>
    private static async Task ReviewedAsync(IServiceProvider services, Guid agentId, string name, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var conversations = services.GetRequiredService<ConversationService>();
        var customers = services.GetRequiredService<CustomerOrders>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var finished = new List<(Guid Conversation, Guid Customer)>();
        foreach (var (reference, question, answer) in new[]
        {
            ("demo-cus-000005", "My refund for the returned shoes has not arrived.", "I can see the return was received; the refund of the shoes goes out today."),
            ("demo-cus-000006", "Can I move my next payment by a week?", "I have moved it by a week; nothing extra to pay."),
        })
        {
            if (await customers.FindAsync(reference, ct) is not { } customer)
            {
                continue;
            }

            var started = await conversations.StartAsync(customer.Id, "en", language => new MessageDraft(MessageAuthor.Shopper, question, language), ct);
            await conversations.AppendAsync(started.Value, new MessageDraft(MessageAuthor.Agent, answer, "en", AuthorName: name), ct);
            await conversations.CloseAsync(started.Value, ct);
            finished.Add((started.Value, customer.Id));
        }

        var ledger = services.GetRequiredService<EarningsLedger>();
        await services.GetRequiredService<UnitOfWork>().RunAsync(async token =>
        {
            foreach (var ((conversation, customer), score) in finished.Zip([5, 4]))
            {
                await ledger.PayConversationAsync(new ConversationWrappedUp(conversation, Guid.CreateVersion7(now), agentId, customer, Skill.Payments, "Requested",
                    ResolutionCode.Answered, now.AddMinutes(-10), now), token);
                db.Add(new CsatAnswer(conversation, agentId, customer, score, score == 5 ? "Quick and friendly." : null, now));
                if (score == CsatAnswer.MaxScore)
                {
                    await ledger.PayCsatBonusAsync(agentId, conversation, now, token);
                }

                db.Add(new QaReview(conversation, agentId, ResolutionCode.Answered, now, now));
            }

            if (finished.Count > 0)
            {
                (await db.Set<Agent>().SingleAsync(a => a.Id == agentId, token)).Rate(finished.Count == 2 ? 4.5 : 5);
            }
        }, ct, "The demo's reviews");
        if (finished.Count > 0)
        {
            await services.GetRequiredService<QaDesk>().ScoreAsync(finished[0].Conversation, new QaScoreCard(2, 2, 2, 1, 2, "Warm and clear; say the refund date."),
                "system:demo", ct);
        }
    }
}
