using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Disputes.Contracts;
using Ombud.Marketplace.Dispatch;
using Ombud.Marketplace.Pay;
using Ombud.Marketplace.Storage;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.AgentConsole;

/// <summary>
/// An agent's console, the same for the agent hub and the console page: their desk (status, load, offers, chats),
/// and what they do in a conversation they hold — read it, write in it as themselves (their display name, never their
/// account), show they are typing, give it back to the assistant, wrap it up with a resolution, look at the customer.
/// The agent is the one the caller's sign-in names, checked against the stored agent; anything on a conversation the
/// agent does not hold is refused and audited, exactly like one that does not exist.
/// </summary>
internal sealed class AgentDesk(OmbudDb db, UnitOfWork work, AgentOffers offers, ConversationService conversations, ConversationFeed feed,
    Dispatcher dispatcher, AgentNews news, CustomerOrders orders, CustomerDisputes disputes, Agents.AgentConflicts conflicts, AnswerMail answerMail, AuditLog audit, DomainEvents events,
    TimeProvider clock)
{
    private const string Subject = "The conversation";

    public const int MaxReplyLength = 2_000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The agent the caller works as. A session whose agent claim does not name the caller's own agent (forged, or left
    /// over from an agent since removed) is refused and audited.
    /// </summary>
    public async Task<Outcome<ConsoleAgent>> AgentAsync(Caller caller, CancellationToken ct)
    {
        var agent = caller.AgentId is { } id ? await Reads.ConsoleAgent(db, id, ct) : null;
        if (agent is not null && agent.UserId == caller.UserId)
        {
            return agent;
        }

        await audit.RecordAloneAsync(caller.Actor, "marketplace.agent-refused", $"agent:{caller.AgentId}", "The session names no agent of this person.", ct);
        return new Forbidden("You are not registered as an agent.");
    }

    public async Task<DeskView> DeskAsync(ConsoleAgent agent, CancellationToken ct)
    {
        var (row, pending, chats) = await Reads.Desk(db, agent.Id, ct) ?? throw new InvalidOperationException($"Agent {agent.Id} is gone.");
        return new DeskView(agent.Id, agent.DisplayName, row.Status, row.ActiveConversations, row.PendingOffers, row.MaxConversations, row.FreeCapacity,
            AgentOffers.Showing(pending, Now), chats);
    }

    public async Task<Outcome<OfferView>> AcceptAsync(ConsoleAgent agent, Guid offerId, CancellationToken ct) =>
        await offers.AcceptAsync(agent.UserId, offerId, ct);

    public async Task<Outcome<OfferView>> DeclineAsync(ConsoleAgent agent, Guid offerId, CancellationToken ct) =>
        await offers.RejectAsync(agent.UserId, offerId, ct);

    public async Task<Outcome<ConversationTranscript>> TranscriptAsync(ConsoleAgent agent, Guid conversationId, CancellationToken ct) =>
        await HeldAsync(agent, conversationId, "read", ct) is null
            ? NotHeld(conversationId)
            : (await conversations.TranscriptAsync(conversationId, null, ct))!;

    /// <summary>Writes the agent's message into the shopper's conversation, as the agent, by display name.</summary>
    public async Task<Outcome<TranscriptMessage>> WriteAsync(ConsoleAgent agent, Guid conversationId, string? text, CancellationToken ct)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxReplyLength)
        {
            return new Invalid(new Dictionary<string, string[]> { ["text"] = [$"A message has 1 to {MaxReplyLength} characters."] });
        }

        if (await HeldAsync(agent, conversationId, "write", ct) is not { } held)
        {
            return NotHeld(conversationId);
        }

        // One unit of work: the message, the first-reply mark and the "a person has answered" e-mail commit together.
        return await work.RunAsync<TranscriptMessage>(async token =>
        {
            var written = await conversations.AppendAsync(conversationId,
                new MessageDraft(MessageAuthor.Agent, trimmed, held.Language, AuthorId: agent.UserId, AuthorName: agent.DisplayName), token);
            if (written.Succeeded
                && await Reads.HeldPlace(db, conversationId, agent.Id, token) is { } entry
                && entry.Answered(Now) is { } waited)
            {
                await answerMail.AfterFirstReplyAsync(entry, waited, agent.DisplayName, token);
            }

            return written;
        }, ct, Subject);
    }

    /// <summary>The agent is writing: the shopper sees it for a few seconds. Nothing is stored.</summary>
    public async Task<Outcome<bool>> TypingAsync(ConsoleAgent agent, Guid conversationId, CancellationToken ct)
    {
        if (await HeldAsync(agent, conversationId, "type", ct) is null)
        {
            return NotHeld(conversationId);
        }

        await feed.TypingAsync(conversationId, MessageAuthor.Agent);
        return true;
    }

    /// <summary>The agent gives the conversation back to the assistant; their place is free for the next offer at once.</summary>
    public Task<Outcome<ConversationStanding>> HandBackAsync(ConsoleAgent agent, Guid conversationId, CancellationToken ct) =>
        FinishAsync(agent, conversationId, "hand back", "marketplace.handed-back", null, async (entry, token) =>
        {
            entry.Finish(Now);
            return await conversations.HandBackAsync(conversationId, token);
        }, ct);

    /// <summary>
    /// The agent closes the conversation with how it ended. The place, the conversation and the agent's load change in
    /// one unit of work, so the next offer can go out at once; <c>conversation.closed</c> then finds nothing left to free.
    /// </summary>
    public Task<Outcome<ConversationStanding>> WrapUpAsync(ConsoleAgent agent, Guid conversationId, string? resolution, CancellationToken ct)
    {
        if (!EnumNames.TryParse<ResolutionCode>(resolution, out var code))
        {
            return Task.FromResult<Outcome<ConversationStanding>>(new Invalid(new Dictionary<string, string[]>
            {
                ["resolution"] = [$"How the conversation ended: one of {string.Join(", ", Enum.GetNames<ResolutionCode>())}."],
            }));
        }

        return FinishAsync(agent, conversationId, "wrap up", "marketplace.wrapped-up", code.ToString(), async (entry, token) =>
        {
            if (entry.WrapUp(agent.Id, code, Now) is { Succeeded: false } refused)
            {
                return refused.Error!;
            }

            var closed = await conversations.CloseAsync(conversationId, token);
            if (closed.Succeeded)
            {
                // Pay and the QA sample follow from this, in this unit of work: every wrap-up is paid once, none that failed.
                events.Publish(ConversationWrappedUp.Type, new ConversationWrappedUp(conversationId, entry.Id, agent.Id, entry.CustomerId, entry.Skill,
                    entry.Reason, code, entry.AssignedAt ?? Now, Now));
            }

            return closed;
        }, ct);
    }

    /// <summary>
    /// The held conversation's customer as the agent needs them: name, orders with their plans, disputes. No contact
    /// details. Every look is audited.
    /// </summary>
    public async Task<Outcome<CustomerView>> CustomerAsync(Caller caller, ConsoleAgent agent, Guid conversationId, CancellationToken ct)
    {
        if (await HeldAsync(agent, conversationId, "view the customer of", ct) is not { } held)
        {
            return NotHeld(conversationId);
        }

        // Held or not, never their own account or a customer linked to them (a transfer or staff overflow cannot make it so).
        if (await conflicts.ConflictsAsync(agent.Id, held.CustomerId, ct))
        {
            await audit.RecordAloneAsync(caller.Actor, "marketplace.conflict-refused", $"customer:{held.CustomerId}",
                $"Agent {agent.Id} is linked to this customer (their own account, or the same address, device, phone or e-mail); conversation {conversationId}.", ct);
            return new Forbidden("You cannot open this customer: they are you or linked to you. Hand the conversation back so someone else takes it.");
        }

        var profile = await orders.ProfileAsync(held.CustomerId, ct);
        var latest = await orders.LatestAsync(held.CustomerId, 10, ct);
        var open = await disputes.OfCustomerAsync(held.CustomerId, ct);
        await audit.RecordAloneAsync(caller.Actor, "marketplace.customer-viewed", $"customer:{held.CustomerId}", $"conversation {conversationId}", ct);
        return new CustomerView(profile?.Name ?? "", profile?.Market ?? "", latest, open);
    }

    private async Task<Outcome<ConversationStanding>> FinishAsync(ConsoleAgent agent, Guid conversationId, string verb, string action, string? detail,
        Func<QueueEntry, CancellationToken, Task<Outcome<ConversationStanding>>> finish, CancellationToken ct)
    {
        // Whom to offer the seat this frees is chosen first, outside the unit of work (on SQLite, outside the node's one writer).
        var chosen = await dispatcher.ChooseForAgentAsync(agent.Id, freed: 1, ct);
        // Whether the agent holds the conversation is read with the place the finish changes: one read for both.
        var held = true;
        var outcome = await work.RunAsync<ConversationStanding>(async token =>
        {
            var entry = await Reads.HeldPlace(db, conversationId, agent.Id, token);
            held = entry is not null;
            if (entry is null)
            {
                return NotHeld(conversationId);
            }

            var row = await Reads.AgentAsync(db, agent.Id, token) ?? throw new InvalidOperationException($"Agent {agent.Id} is gone.");

            var finished = await finish(entry, token);
            if (!finished.Succeeded)
            {
                return finished.Error!;
            }

            row.ConversationEnded(Now);
            // An offer made here tells the agent's consoles already: their desk is read once for both changes.
            if (await dispatcher.OfferToAgentAsync(agent.Id, token, chosen) == 0)
            {
                news.AfterCommit(work, agent.Id);
            }

            audit.Record($"user:{agent.UserId}", action, $"conversation:{conversationId}", detail);
            return finished;
        }, ct, Subject);

        if (!held)
        {
            await RefusedAsync(agent, conversationId, verb, ct);
        }

        return outcome;
    }

    /// <summary>The agent's place for the conversation while they hold it; otherwise null, and the attempt is audited.</summary>
    private async Task<HeldConversation?> HeldAsync(ConsoleAgent agent, Guid conversationId, string verb, CancellationToken ct)
    {
        var held = await Reads.HeldConversation(db, conversationId, agent.Id, ct);
        if (held is null)
        {
            await RefusedAsync(agent, conversationId, verb, ct);
        }

        return held;
    }

    private Task RefusedAsync(ConsoleAgent agent, Guid conversationId, string verb, CancellationToken ct) =>
        audit.RecordAloneAsync($"user:{agent.UserId}", "marketplace.conversation-refused", $"conversation:{conversationId}",
            $"Agent {agent.Id} tried to {verb} a conversation they do not hold.", ct);

    private static NotFound NotHeld(Guid conversationId) => new("conversation you hold", conversationId.ToString());

    private CycleReads Reads => CycleReads.For(db);
}

/// <summary>The agent a console works for: their id, their account (for audit), the name shoppers see.</summary>
internal sealed record ConsoleAgent(Guid Id, string UserId, string DisplayName);

/// <summary>An agent's desk: status, live load, offers waiting with their countdown, conversations held.</summary>
public sealed record DeskView(Guid AgentId, string DisplayName, AgentStatus Status, int ActiveConversations, int PendingOffers, int MaxConversations,
    int FreeCapacity, IReadOnlyList<OfferView> Offers, IReadOnlyList<HeldChat> Chats);

/// <summary>A conversation the agent holds, and since when.</summary>
public sealed record HeldChat(Guid ConversationId, Skill Skill, string Reason, string Language, DateTime AssignedAt);

/// <summary>The held conversation's customer: what the agent needs to resolve, no contact details.</summary>
public sealed record CustomerView(string Name, string Market, IReadOnlyList<OrderSummary> Orders, IReadOnlyList<DisputeSummary> Disputes);
