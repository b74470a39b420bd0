using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Surge;
using Ombud.Tests.Marketplace.Pay;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace.Surge;

/// <summary>
/// The shopper's estimated wait: no number with nobody online, staff's when nobody with the skill is, minutes from the
/// places dispatch serves first and the capacity otherwise; in the conversation's language; only for the shopper's own conversation.
/// </summary>
public sealed class WaitEstimateTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_estimate_is_honest_about_who_is_online_and_speaks_the_shoppers_language(Provider provider)
    {
        var desk = await SurgeDesk.OpenAsync(provider);
        await using var app = desk.App;
        var pay = new PayDesk(desk);
        var sara = await desk.CustomerAsync();
        var saraWaits = await desk.HandOffInAsync(sara, "sv");
        var nobody = await desk.EstimateAsync(sara, saraWaits);

        // A staff agent without the skill comes online and is offered Sara's place at once (nobody fitting is online).
        var per = await desk.AgentAsync("Per", AgentTier.Staff, 1, certified: true, online: true, ["en"], null);
        var staffOffered = await desk.EstimateAsync(sara, saraWaits);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var tom = await desk.CustomerAsync();
        var tomWaits = await desk.HandOffInAsync(tom, "en");
        var staffBusy = await desk.EstimateAsync(tom, tomWaits);

        // Maja, who has the skill, comes online and takes Tom's place; the next two shoppers wait behind her one conversation.
        var maja = await desk.AgentAsync("Maja", (Skill.Payments, 5));
        await desk.AcceptAsync(maja, (await desk.OffersAsync()).Single(o => o.AgentId == maja.Id).Id);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var lena = await desk.CustomerAsync();
        var lenaWaits = await desk.HandOffInAsync(lena, "sv");
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var ola = await desk.CustomerAsync();
        var olaWaits = await desk.HandOffInAsync(ola, "de");
        var asLena = await pay.ShopperAsync(lena);
        var overHttp = await asLena.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{lenaWaits}/wait-estimate");
        var someoneElses = await asLena.GetAsync($"/api/v1/conversations/{olaWaits}/wait-estimate");
        var olaEstimate = await desk.EstimateAsync(ola, olaWaits);
        var taken = await desk.EstimateAsync(tom, tomWaits);

        Assert.Equal((WaitKind.NobodyOnline, (int?)null), (nobody!.Kind, nobody.Minutes));
        Assert.StartsWith("Vi kan inte uppskatta väntetiden: ingen som kan svara är inloggad", nobody.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(nobody.Text, char.IsAsciiDigit);
        Assert.Equal((WaitKind.StaffWillTakeIt, (int?)1), (staffOffered!.Kind, staffOffered.Minutes));
        Assert.Contains("Vår personal tar den inom cirka 1 minut.", staffOffered.Text, StringComparison.Ordinal);
        // First in line for Per's one place, which Sara's offer holds: one handle time (the default, five minutes).
        Assert.Equal((WaitKind.StaffWillTakeIt, (int?)5), (staffBusy!.Kind, staffBusy.Minutes));
        Assert.StartsWith("We cannot estimate a wait: nobody with the skill", staffBusy.Text, StringComparison.Ordinal);
        Assert.Equal(("minutes", 5, "sv"), (overHttp.GetProperty("kind").GetString(), overHttp.GetProperty("minutes").GetInt32(),
            overHttp.GetProperty("language").GetString()));
        Assert.StartsWith("Beräknad väntetid till en person: cirka 5 minuter.", overHttp.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        Assert.Equal((WaitKind.Minutes, (int?)10), (olaEstimate!.Kind, olaEstimate.Minutes));
        Assert.StartsWith("Geschätzte Wartezeit auf eine Person: etwa 10 Minuten.", olaEstimate.Text, StringComparison.Ordinal);
        Assert.Null(taken);
        Assert.NotEqual(per.Id, maja.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_upset_shopper_who_came_later_is_told_the_wait_of_the_place_dispatch_serves_first(Provider provider)
    {
        var desk = await SurgeDesk.OpenAsync(provider);
        await using var app = desk.App;
        var maja = await desk.AgentAsync("Maja", (Skill.Payments, 5));
        var held = await desk.HandOffAsync(await desk.CustomerAsync());
        await desk.AcceptAsync(maja, (await desk.PendingOfferAsync()).Id);
        var calm = await desk.CustomerAsync();
        var calmWaits = await desk.HandOffAsync(calm);
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        var upset = await desk.CustomerAsync();
        var upsetWaits = await desk.HandOffAsync(upset, priority: 1);

        var calmEstimate = await desk.EstimateAsync(calm, calmWaits);
        var upsetEstimate = await desk.EstimateAsync(upset, upsetWaits);
        await desk.RunAsync<AgentDesk, ConversationStanding>(d => d.WrapUpAsync(PayDesk.Console(maja), held, "answered", default));
        var servedFirst = await desk.PendingOfferAsync();

        // Maja holds one conversation; the upset shopper's 120 s head start outweighs the calm one's minute of waiting.
        Assert.Equal((WaitKind.Minutes, (int?)5), (upsetEstimate!.Kind, upsetEstimate.Minutes));
        Assert.Equal((WaitKind.Minutes, (int?)10), (calmEstimate!.Kind, calmEstimate.Minutes));
        Assert.Equal(upsetWaits, (await desk.QueueAsync()).Single(e => e.Id == servedFirst.QueueEntryId).ConversationId);
    }
}
