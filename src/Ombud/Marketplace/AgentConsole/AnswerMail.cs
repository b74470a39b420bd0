using Microsoft.Extensions.Options;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Mail;

namespace Ombud.Marketplace.AgentConsole;

/// <summary>
/// "A person has answered": when an agent's first reply comes after the shopper waited at least
/// <see cref="MarketplaceOptions.MailAnswerAfterSeconds"/>, the shopper is e-mailed a link back to that conversation (not merely their latest),
/// in case they left the chat meanwhile (Ombud does not track whether they did). Staged in the reply's unit of work.
/// </summary>
internal sealed class AnswerMail(MailOutbox outbox, CustomerOrders customers, IOptions<MarketplaceOptions> options, IOptions<MailOptions> mail)
{
    public const string Kind = "marketplace.person-answered";

    public async Task AfterFirstReplyAsync(QueueEntry entry, TimeSpan waited, string agentName, CancellationToken ct)
    {
        if (waited < TimeSpan.FromSeconds(options.Value.MailAnswerAfterSeconds))
        {
            return;
        }

        var profile = await customers.ProfileAsync(entry.CustomerId, ct);
        var email = await customers.EmailAsync(entry.CustomerId, ct);
        if (profile is null || email is null)
        {
            return;
        }

        await outbox.QueueAsync(new MailDraft(email, "A person has answered you", Text(profile.Name, agentName, mail.Value.Link($"/assistant?conversation={entry.ConversationId}")), Kind,
            $"handoff-answered:{entry.HandOffId}"), ct);
    }

    internal static string Text(string customerName, string agentName, string? link)
    {
        var first = customerName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? customerName;
        return $"Hello {first},\n\n{agentName} from our team has answered you in your conversation. Thank you for waiting.\n\n"
               + (link is null
                   ? "Sign in to Ombud and open the assistant to read the answer and reply."
                   : $"Read the answer and reply here: {link}")
               + "\n\nYour place is kept: you do not need to start again.";
    }
}
