using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Events;
using Ombud.Platform.Mail;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// Sends the watch's contact (<see cref="DifficultyContactMade"/>) by e-mail too, to the address on the customer's
/// record: the same respectful words as the in-app message, with the market's free debt advice, and a way back to
/// their options. It runs in the event's unit of work, so the e-mail is in the outbox exactly once per contact.
/// </summary>
internal sealed class DifficultyMail(OmbudDb db, MailOutbox outbox, IOptions<MailOptions> mail) : IEventHandler
{
    public const string Subscriber = "commerce.difficulty-mail";
    public const string Kind = "difficulty.contact";

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var contact = message.Read<DifficultyContactMade>();
        var correlation = $"difficulty-notice:{contact.NoticeId}";
        var email = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == contact.CustomerId).Select(c => c.Email).SingleOrDefaultAsync(ct);
        if (email is null || await outbox.QueuedForAsync(correlation, ct))
        {
            return;
        }

        await outbox.QueueAsync(new MailDraft(email, contact.Title, Text(contact.Body, mail.Value.Link("/")), Kind, correlation), ct);
    }

    /// <summary>The in-app words, then where to find the options; never a demand for payment.</summary>
    internal static string Text(string body, string? link) =>
        body + "\n\n"
        + (link is null
            ? "You can read this message and see your options when you sign in to Ombud, under \"Messages about your payments\"."
            : $"You can read this message and see your options when you sign in: {link}")
        + "\n\nThis is not a payment reminder, and you do not need to do anything if you are managing well.";
}
