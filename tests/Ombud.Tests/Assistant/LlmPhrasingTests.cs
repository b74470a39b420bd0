using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Assistant.Llm;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>
/// The optional language model only rewords replies: it sees them with personal data redacted, and anything it gets
/// wrong (a timeout, an error, a changed number, an added promise) leaves the built-in reply. Decisions never come
/// from it. The offline path is what every other assistant test runs.
/// </summary>
public sealed class LlmPhrasingTests
{
    [Fact]
    public void Personal_data_is_replaced_by_placeholders_and_put_back_afterwards()
    {
        var text = "Hi Anna Svensson! Order NL-10001 (PostNord 00370712345678901) for anna.svensson@example.se, +46 70 123 45 67, "
                   + "Storgatan 12, card 4111 1111 1111 1111: 337.00 SEK due 2026-11-26.";

        var redacted = PiiRedactor.Redact(text, ["Anna Svensson"]);

        foreach (var secret in new[] { "Anna", "Svensson", "NL-10001", "00370712345678901", "anna.svensson@example.se", "123 45 67", "Storgatan 12", "4111" })
        {
            Assert.DoesNotContain(secret, redacted.Text, StringComparison.Ordinal);
        }

        Assert.Contains("337.00 SEK", redacted.Text, StringComparison.Ordinal);
        Assert.Equal(text, redacted.Restore(redacted.Text));
        Assert.Null(redacted.Restore(redacted.Text.Replace("[P2]", "", StringComparison.Ordinal)));
        Assert.Null(redacted.Restore(redacted.Text.Replace("337.00", "3.00", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_configured_model_rewords_the_reply_from_a_prompt_without_personal_data()
    {
        var model = new FakeChatClient(prompt => $"Happy to help! {prompt}");
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, b => b.Services.AddSingleton<IChatClient>(model));
        var world = await ShopperWorld.CreateAsync(app, name: "Anna Svensson");
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync($"where is my order {world.Headphones.Reference}?");

        Assert.StartsWith("Happy to help!", turn.Reply, StringComparison.Ordinal);
        Assert.Contains(world.Headphones.Reference, turn.Reply, StringComparison.Ordinal);
        var prompt = Assert.Single(model.Prompts);
        Assert.DoesNotContain(world.Headphones.Reference, prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("PN", prompt, StringComparison.Ordinal);
        Assert.Contains("[P1]", prompt, StringComparison.Ordinal);
        var why = (await chat.TranscriptAsync()).Messages[^1].Why!.Value;
        Assert.True(why.GetProperty("phrasedByLlm").GetBoolean());
    }

    public static TheoryData<string> Failures => ["throws", "hangs", "changes a number", "adds a promise", "drops a placeholder"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_model_that_fails_or_changes_the_facts_leaves_the_built_in_reply_and_the_decision_alone(string failure)
    {
        var model = new FakeChatClient(prompt => failure switch
        {
            "throws" => throw new HttpRequestException("connection refused"),
            "hangs" => null,
            "changes a number" => prompt.Replace("674.00", "0.00", StringComparison.Ordinal),
            "adds a promise" => $"{prompt} I have also refunded you in full.",
            _ => "Your order is on its way.",
        });
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, b => b.Services.AddSingleton<IChatClient>(model),
            new Dictionary<string, string?> { ["Ombud:Assistant:Llm:TimeoutSeconds"] = "0.5" });
        var world = await ShopperWorld.CreateAsync(app);
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        await chat.SayAsync("My headphones never arrived");
        var turn = await chat.SayAsync("yes");

        Assert.Equal("report_problem", turn.Action);
        Assert.False(turn.Handoff);
        Assert.StartsWith("I've reported that your order from Nordljud Elektronik", turn.Reply, StringComparison.Ordinal);
        Assert.Contains("674.00 SEK", turn.Reply, StringComparison.Ordinal);
        Assert.Equal(2, model.Prompts.Count);
    }

    /// <summary>Stands in for an OpenAI-compatible endpoint: answers from the user message, or never (null).</summary>
    private sealed class FakeChatClient(Func<string, string?> answer) : IChatClient
    {
        public List<string> Prompts { get; } = [];

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            var prompt = messages.Last(m => m.Role == ChatRole.User).Text;
            lock (Prompts)
            {
                Prompts.Add(prompt);
            }

            if (answer(prompt) is not { } text)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(prompt)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
