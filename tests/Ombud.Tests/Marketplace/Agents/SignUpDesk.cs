using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace.Agents;
using Ombud.Platform.Mail;
using Ombud.Platform.Timers;
using Ombud.Tests.Platform.Mail;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Agents;

/// <summary>What the sign-up tests do: apply over the API, send the outbox's e-mail to the real SMTP server, read its link.</summary>
internal static partial class SignUpDesk
{
    public const string Password = "Answering-shoppers-4";

    public static object Application(string email, string name = "Sara Lind", string? password = Password) => new
    {
        name,
        email,
        password,
        languages = new[] { "sv", "en" },
        skills = new[] { "payments", "returns" },
        maxConversations = 2,
    };

    public static Task<HttpResponseMessage> ApplyAsync(HttpClient anonymous, object application) =>
        anonymous.PostAsJsonAsync("/api/v1/agents/applications", application);

    /// <summary>Sends what the outbox holds to the SMTP server and answers the confirmation link the server received for <paramref name="email"/>.</summary>
    public static async Task<(string UserId, string Token, string Link)> ConfirmationLinkAsync(OmbudTestApp app, string email)
    {
        await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([MailSending.Kind], default);
        var mail = Assert.Single(await app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking().Where(m => m.Kind == ApplicationMail.Kind).ToListAsync()),
            m => m.To == email);
        Assert.Equal(MailStatus.Sent, mail.Status);
        var received = TestSmtp.Received(mail.Id);
        Assert.NotNull(received);
        Assert.Equal("Confirm your e-mail to become an Ombud agent", received.Subject);
        var link = LinkPattern().Match(received.TextBody ?? "").Value;
        Assert.StartsWith("https://help.ombud.test/agents/confirm?user=", link, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        return (query["user"].ToString(), query["token"].ToString(), new Uri(link).PathAndQuery);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The field a 400 problem names, insisting there is exactly one.</summary>
    public static async Task<string> ProblemFieldAsync(HttpResponseMessage response)
    {
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        return Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
    }

    [GeneratedRegex(@"https://help\.ombud\.test/agents/confirm\?\S+")]
    private static partial Regex LinkPattern();
}
