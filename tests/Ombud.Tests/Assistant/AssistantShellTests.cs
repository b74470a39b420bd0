using System.Text.Json;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary><c>ombud assistant shell</c> through the real executable, as people and scripts use it.</summary>
public sealed class AssistantShellTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private Dictionary<string, string> Environment => new()
    {
        ["Ombud__Database__Provider"] = _database.ProviderName,
        ["Ombud__Database__ConnectionString"] = _database.ConnectionString,
    };

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Provider.Sqlite);

    [Fact]
    public async Task The_shell_seeds_a_world_and_answers_each_line_as_json_and_an_empty_line_starts_a_new_conversation()
    {
        var (exitCode, stdout, stderr) = await OmbudProcess.RunWithInputAsync(Environment,
            "When is my next payment?\nwhat is my balance\n\nI want to talk to a human\n", "assistant", "shell", "--json");

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        foreach (var line in lines)
        {
            foreach (var key in new[] { "reply", "intent", "confidence", "handoff", "action" })
            {
                Assert.True(line.TryGetProperty(key, out _), $"no '{key}' in {line}");
            }
        }

        Assert.Equal("next_payment", lines[0].GetProperty("intent").GetString());
        Assert.Contains("SEK", lines[0].GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.False(lines[0].GetProperty("handoff").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("action").ValueKind);
        Assert.Equal(lines[0].GetProperty("conversation").GetGuid(), lines[1].GetProperty("conversation").GetGuid());
        Assert.NotEqual(lines[1].GetProperty("conversation").GetGuid(), lines[2].GetProperty("conversation").GetGuid());
        Assert.True(lines[2].GetProperty("handoff").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_customer_is_a_clear_error_with_exit_code_2()
    {
        var (exitCode, stdout, stderr) = await OmbudProcess.RunWithInputAsync(Environment, "hello\n", "assistant", "shell", "--customer", "nobody-42");

        Assert.Equal(2, exitCode);
        Assert.Contains("no customer 'nobody-42'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ombud>", stdout, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
