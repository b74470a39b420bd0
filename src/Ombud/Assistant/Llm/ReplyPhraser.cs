using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Ombud.Assistant.Llm;

/// <summary>
/// Optionally rewords a reply the policy already wrote, with a language model, to sound less canned. It only ever
/// sees the finished reply with personal data redacted, is told to keep every placeholder and number, and is
/// checked for that; anything else (no model configured, a timeout, an error, a changed fact) keeps the built-in
/// wording. Nothing it writes is ever read back as a decision: actions and hand-offs are made before it is called.
/// </summary>
internal sealed partial class ReplyPhraser(IServiceProvider services, IOptions<AssistantOptions> options, ILogger<ReplyPhraser> logger)
{
    private readonly IChatClient? _client = services.GetService<IChatClient>();

    public bool IsOn => _client is not null;

    public async Task<(string Text, bool ByModel)> PhraseAsync(string reply, string language, IEnumerable<string> names, CancellationToken ct)
    {
        if (_client is null || reply.Length == 0)
        {
            return (reply, false);
        }

        var redacted = PiiRedactor.Redact(reply, names);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.Llm.TimeoutSeconds));
        try
        {
            var response = await _client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System,
                    "You reword customer-service chat replies of a buy-now-pay-later provider so they read warmly and naturally. " +
                    $"Answer in the language with ISO code '{language}'. Keep every placeholder such as [P1] exactly as written. " +
                    "Keep every number, amount and date exactly. Add no facts, promises, offers, links or questions of your own. " +
                    "Reply with the reworded text only."),
                new ChatMessage(ChatRole.User, redacted.Text),
            ], new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 400 }, timeout.Token);
            var answer = response.Text?.Trim() ?? "";
            if (answer.Length == 0 || answer.Length > (reply.Length * 2) + 200 || PromisesMore(reply, answer) || redacted.Restore(answer) is not { } restored)
            {
                LogRejected(logger);
                return (reply, false);
            }

            return (restored, true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A slow or failing model never costs the shopper an answer; the exception type is logged, never the text.
            LogFailed(logger, e.GetType().Name);
            return (reply, false);
        }
    }

    /// <summary>Words of commitment the model may keep but never add: a reply must not promise what the policy did not decide.</summary>
    private static readonly string[] Commitments =
    [
        "refund", "reimburs", "compensat", "waive", "cancel", "guarantee", "promise", "credit", "agent", "human", "person",
        "återbetal", "ersätt", "kompens", "garant", "lova", "handläggare", "människa",
        "erstatt", "entschädig", "garantie", "versprech", "storn", "mitarbeiter", "mensch",
    ];

    private static bool PromisesMore(string reply, string answer) =>
        Commitments.Any(word => answer.Contains(word, StringComparison.OrdinalIgnoreCase) && !reply.Contains(word, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(LogLevel.Warning, "The language model's wording changed a fact or a placeholder; the built-in reply was used")]
    private static partial void LogRejected(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "The language model did not answer in time or failed ({Error}); the built-in reply was used")]
    private static partial void LogFailed(ILogger logger, string error);
}
