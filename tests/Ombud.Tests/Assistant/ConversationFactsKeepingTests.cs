using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Ombud.Assistant;
using Ombud.Assistant.Dialogue;
using Ombud.Platform.Realtime;

namespace Ombud.Tests.Assistant;

/// <summary>
/// The rules of keeping a conversation's facts, on one node without a database: what is kept, what a change or a
/// notice from another node forgets, and that a change landing while facts load never leaves them kept as fresh.
/// </summary>
public sealed class ConversationFactsKeepingTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly LiveChannel _live = new(new ConfigurationBuilder().Build(), NullLogger<LiveChannel>.Instance);
    private readonly ConversationFacts _kept;
    private int _loads;

    public ConversationFactsKeepingTests() =>
        _kept = new ConversationFacts(_live, _clock, Options.Create(new AssistantOptions { Facts = new FactsOptions { MaxAgeSeconds = 60 } }));

    [Fact]
    public async Task Facts_are_kept_per_conversation_and_a_change_of_the_customer_reloads_all_of_their_conversations()
    {
        Guid anna = Guid.NewGuid(), other = Guid.NewGuid(), first = Guid.NewGuid(), second = Guid.NewGuid(), others = Guid.NewGuid();
        await GetAsync(first, anna);
        await GetAsync(second, anna);
        await GetAsync(others, other);
        await GetAsync(first, anna);
        var loadsBeforeChange = _loads;

        _kept.Forget(anna);
        await GetAsync(first, anna);
        await GetAsync(second, anna);
        await GetAsync(others, other);

        Assert.Equal(3, loadsBeforeChange);
        Assert.Equal(5, _loads);
    }

    [Fact]
    public async Task A_notice_on_the_live_channel_forgets_the_customer_as_another_nodes_event_would()
    {
        Guid anna = Guid.NewGuid(), conversation = Guid.NewGuid();
        await GetAsync(conversation, anna);

        await _live.PublishAsync(ConversationFacts.Topic, anna.ToString());
        await GetAsync(conversation, anna);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_change_that_lands_while_the_facts_load_leaves_them_to_be_loaded_again()
    {
        Guid anna = Guid.NewGuid(), conversation = Guid.NewGuid();
        await _kept.GetAsync(conversation, anna, _ =>
        {
            _loads++;
            _kept.Forget(anna);
            return Task.FromResult<CustomerFacts?>(Facts(anna));
        }, default);

        await GetAsync(conversation, anna);
        await GetAsync(conversation, anna);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_change_after_a_turn_read_its_facts_shows_against_its_mark_for_that_customer_only()
    {
        Guid anna = Guid.NewGuid(), bertil = Guid.NewGuid(), conversation = Guid.NewGuid();
        var mark = _kept.Mark();
        await GetAsync(conversation, anna);
        var unchanged = _kept.ChangedSince(anna, mark);

        _kept.Forget(bertil);
        var afterBertil = _kept.ChangedSince(anna, mark);
        _kept.Forget(anna);

        Assert.False(unchanged);
        Assert.False(afterBertil);
        Assert.True(_kept.ChangedSince(anna, mark));
        Assert.False(_kept.ChangedSince(anna, _kept.Mark()));
    }

    [Fact]
    public async Task Facts_older_than_the_maximum_age_are_loaded_again_without_any_event()
    {
        Guid anna = Guid.NewGuid(), conversation = Guid.NewGuid();
        await GetAsync(conversation, anna);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await GetAsync(conversation, anna);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await GetAsync(conversation, anna);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Another_customers_facts_are_never_answered_for_the_same_conversation_id()
    {
        Guid anna = Guid.NewGuid(), bertil = Guid.NewGuid(), conversation = Guid.NewGuid();
        await GetAsync(conversation, anna);

        var forBertil = await GetAsync(conversation, bertil);

        Assert.Equal(bertil, forBertil!.CustomerId);
        Assert.Equal(2, _loads);
    }

    public void Dispose()
    {
        _kept.Dispose();
        _live.Dispose();
    }

    private Task<CustomerFacts?> GetAsync(Guid conversation, Guid customer) =>
        _kept.GetAsync(conversation, customer, _ =>
        {
            _loads++;
            return Task.FromResult<CustomerFacts?>(Facts(customer));
        }, default);

    private static CustomerFacts Facts(Guid customer) => new(customer, "Anna Svensson", "en-SE", "SE", []);
}
