using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Marketplace.AgentConsole;
using Ombud.Platform.Mail;
using Ombud.Platform.Timers;
using Ombud.Tests.Platform.Mail;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// A shopper who waited for a person (past <c>MailAnswerAfterSeconds</c>, 60 s by default) gets an e-mail with a link
/// back when the person's first answer comes, in case they left the chat; one answered quickly gets none.
/// </summary>
public sealed class AnswerMailTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_person_answering_after_a_long_wait_emails_the_shopper_a_link_back_once_and_a_quick_answer_sends_none(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: TestSmtp.Settings());
        var desk = await MarketDesk.OpenAsync(app);
        var karin = await desk.AgentAsync("Karin", (Skill.Payments, 5));
        var waited = await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.AcceptAsync(karin, (await desk.PendingOfferAsync()).Id);
        var per = await desk.AgentAsync("Per", (Skill.Payments, 5));
        var quick = await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.AcceptAsync(per, (await desk.PendingOfferAsync()).Id);

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await WriteAsync(desk, per, quick, "Hello, I am Per. Let me look at your balance.");
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        await WriteAsync(desk, karin, waited, "Hello, I am Karin. Sorry for the wait.");
        await WriteAsync(desk, karin, waited, "I can see your order now.");
        await WriteAsync(desk, per, quick, "Your balance is 300.00 SEK."); // past the threshold, but not the first answer
        await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([MailSending.Kind], default);

        var mail = Assert.Single(await app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking().ToListAsync()));
        var places = await desk.QueueAsync();
        Assert.Equal((AnswerMail.Kind, MailStatus.Sent), (mail.Kind, mail.Status));
        Assert.Equal($"handoff-answered:{places.Single(p => p.ConversationId == waited).HandOffId}", mail.CorrelationId);
        Assert.All(places, p => Assert.NotNull(p.FirstReplyAt));
        var received = TestSmtp.Received(mail.Id);
        Assert.NotNull(received);
        Assert.Equal("A person has answered you", received.Subject);
        Assert.Equal("anna.svensson@example.se", Assert.Single(received.To.Mailboxes).Address);
        Assert.Contains("Karin from our team has answered you", received.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://help.ombud.test/assistant?conversation={waited}", received.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Sorry for the wait", received.TextBody, StringComparison.Ordinal); // the conversation stays in the app
    }

    private static Task<TranscriptMessage> WriteAsync(MarketDesk desk, TestAgent agent, Guid conversation, string text) =>
        desk.RunAsync<AgentDesk, TranscriptMessage>(d =>
            d.WriteAsync(new ConsoleAgent(agent.Id, agent.UserId, agent.Name), conversation, text, default));
}
