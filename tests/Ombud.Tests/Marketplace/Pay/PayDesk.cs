using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Marketplace.AgentConsole;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace.Pay;

/// <summary>
/// What the pay and quality tests do with the product's services: a conversation handed off, accepted and wrapped up by
/// an agent, its event delivered (pay, QA sample); a shopper's signed-in session for the survey.
/// </summary>
internal sealed class PayDesk(MarketDesk desk) : IAsyncDisposable
{
    /// <summary>Rates made explicit, so the tests do not hang on the shipped appsettings.</summary>
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Ombud:Marketplace:Pay:AgentMarket"] = "SE",
        ["Ombud:Marketplace:Pay:Markets:SE:Currency"] = "SEK",
        ["Ombud:Marketplace:Pay:Markets:SE:BaseMinor"] = "4000",
        ["Ombud:Marketplace:Pay:Markets:SE:ComplexityMinor:payments"] = "1500",
        ["Ombud:Marketplace:Pay:Markets:SE:ComplexityMinor:fraudFirstResponse"] = "3000",
        ["Ombud:Marketplace:Pay:Markets:SE:CsatBonusMinor"] = "2000",
        ["Ombud:Marketplace:Pay:Markets:SE:FloorPerHourMinor"] = "40000",
        ["Ombud:Marketplace:Pay:QaSamplePerMille"] = "1000",
    };

    private int _shoppers;

    public MarketDesk Market => desk;

    public OmbudTestApp App => desk.App;

    public static async Task<PayDesk> OpenAsync(Provider provider) =>
        new(await MarketDesk.OpenAsync(await OmbudTestApp.StartAsync(provider, settings: Settings)));

    /// <summary>The customer's conversation handed off, offered to <paramref name="agent"/>, accepted (the agent says <paramref name="say"/>) and wrapped up; its events delivered.</summary>
    public async Task<Guid> WrappedUpAsync(TestAgent agent, Guid customer, string? say = null)
    {
        var conversation = await desk.HandOffAsync(customer);
        await desk.AcceptAsync(agent, (await desk.PendingOfferAsync()).Id);
        if (say is not null)
        {
            await desk.RunAsync<AgentDesk, TranscriptMessage>(d => d.WriteAsync(Console(agent), conversation, say, default));
        }

        await desk.RunAsync<AgentDesk, ConversationStanding>(d => d.WrapUpAsync(Console(agent), conversation, "answered", default));
        await desk.DeliverAsync();
        return conversation;
    }

    public static ConsoleAgent Console(TestAgent agent) => new(agent.Id, agent.UserId, agent.Name);

    /// <summary>A signed-in shopper of <paramref name="customer"/>, for the API.</summary>
    public async Task<HttpClient> ShopperAsync(Guid customer)
    {
        var email = $"shopper-{++_shoppers}@pay.example";
        await People.CreateAsync(App, email, Roles.Shopper, customer);
        var session = new WebSession(App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, People.Password)).StatusCode);
        return session.Http;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
