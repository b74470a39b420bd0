using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Marketplace.AgentConsole;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace.Agents;

/// <summary>
/// An agent is never offered, nor shown, their own customer account or a customer linked to them by the same address,
/// device, phone or e-mail (on the customer's record or their orders, or the e-mail the agent signs in with).
/// </summary>
public sealed class AgentConflictTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_linked_customers_hand_off_skips_the_agent_and_goes_to_the_next_candidate(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (desk, world) = await ShoppersAsync(app);
        var sara = await desk.AgentAsync("Sara", AgentTier.Pro, 1, certified: true, online: true, ["en"], world.Own, (Skill.Payments, 5));
        var per = await desk.AgentAsync("Per", AgentTier.Pro, 1, certified: true, online: true, ["en"], null, (Skill.Payments, 3));

        var linked = await desk.HandOffAsync(world.SameDevice);
        var toPer = await desk.PendingOfferAsync();
        await desk.RejectAsync(per, toPer.Id);
        var stranger = await desk.HandOffAsync(world.Stranger);

        Assert.Equal(per.Id, toPer.AgentId); // Sara fits better (level 5) but shares a device with this shopper
        var offers = await desk.OffersAsync();
        Assert.DoesNotContain(offers, o => o.AgentId == sara.Id && o.QueueEntryId == toPer.QueueEntryId);
        Assert.Equal(sara.Id, Assert.Single(offers, o => o.Status == OfferStatus.Pending).AgentId); // and she still gets everyone else
        Assert.Contains(await desk.QueueAsync(), p => p.ConversationId == linked && p.Status == QueueEntryStatus.Waiting);
        Assert.Contains(await desk.QueueAsync(), p => p.ConversationId == stranger && p.Status == QueueEntryStatus.Offered);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task With_only_the_linked_agent_online_the_hand_off_goes_to_staff_and_never_to_them(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (desk, world) = await ShoppersAsync(app);
        var sara = await desk.AgentAsync("Sara", AgentTier.Pro, 3, certified: true, online: true, ["en"], world.Own, (Skill.Payments, 5));
        var stina = await desk.AgentAsync("Stina", AgentTier.Staff, 1, certified: true, online: true, ["en"], null);

        await desk.HandOffAsync(world.SameAddress);
        var toStaff = await desk.PendingOfferAsync();
        await desk.RejectAsync(stina, toStaff.Id);
        await desk.HandOffAsync(world.Own);
        await desk.AfterAsync(TimeSpan.FromSeconds(200)); // past every widening

        Assert.Equal(stina.Id, toStaff.AgentId);
        Assert.DoesNotContain(await desk.OffersAsync(), o => o.AgentId == sara.Id);
        Assert.Equal((3, 0), ((await desk.AgentRowAsync(sara.Id)).FreeCapacity, (await desk.AgentRowAsync(sara.Id)).PendingOffers));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_who_comes_online_passes_over_a_linked_customers_place_for_the_next_one(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (desk, world) = await ShoppersAsync(app);
        var sara = await desk.AgentAsync("Sara", AgentTier.Pro, 1, certified: true, online: false, ["en"], world.Own, (Skill.Payments, 5));
        var linked = await desk.HandOffAsync(world.SameAddress);
        var stranger = await desk.HandOffAsync(world.Stranger);

        await desk.GoOnlineAsync(sara.Id);

        var offer = await desk.PendingOfferAsync(); // the linked shopper waited longer, but shipped to Sara's address
        var queue = await desk.QueueAsync();
        Assert.Equal((sara.Id, queue.Single(p => p.ConversationId == stranger).Id), (offer.AgentId, offer.QueueEntryId));
        Assert.Equal(QueueEntryStatus.Waiting, queue.Single(p => p.ConversationId == linked).Status);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_wrap_up_offers_the_freed_seat_past_her_own_and_linked_places_to_the_next_one(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (desk, world) = await ShoppersAsync(app);
        var sara = await desk.AgentAsync("Sara", AgentTier.Pro, 1, certified: true, online: true, ["en"], world.Own, (Skill.Payments, 5));
        var held = await desk.HandOffAsync(world.Stranger);
        await desk.AcceptAsync(sara, (await desk.PendingOfferAsync()).Id);
        // Sara is full: these wait, oldest first. Only the last shares nothing with her (no orders, a phone of its own).
        var linked = await desk.HandOffAsync(world.SameDevice);
        var herOwn = await desk.HandOffAsync(world.Own);
        var free = await desk.HandOffAsync(await world.Feed.CreateAsync("customers", Customer("Nils Fri", "nils@free.example", "+46 70 555 00 05")));

        await desk.RunAsync<AgentDesk, ConversationStanding>(d => d.WrapUpAsync(new ConsoleAgent(sara.Id, sara.UserId, sara.Name), held, "Answered", default));

        var queue = await desk.QueueAsync();
        var offer = await desk.PendingOfferAsync();
        Assert.Equal((sara.Id, queue.Single(p => p.ConversationId == free).Id), (offer.AgentId, offer.QueueEntryId));
        Assert.All(queue.Where(p => p.ConversationId == linked || p.ConversationId == herOwn), p => Assert.Equal(QueueEntryStatus.Waiting, p.Status));
    }

    [Fact]
    public async Task A_customer_with_the_email_the_agent_signs_in_with_is_never_offered_to_them()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var (desk, world) = await ShoppersAsync(app);
        var gig = await desk.AgentAsync("Gig", (Skill.Payments, 5));
        var per = await desk.AgentAsync("Per", AgentTier.Pro, 1, certified: true, online: true, ["en"], null, (Skill.Payments, 3));
        var herself = await world.Feed.CreateAsync("customers", Customer("Gig at home", gig.Email.ToUpperInvariant(), "+46 70 555 00 09"));

        await desk.HandOffAsync(herself);

        Assert.Equal(per.Id, (await desk.PendingOfferAsync()).AgentId);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_customer_with_no_orders_whose_record_has_the_agents_phone_is_never_offered_to_them(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var (desk, world) = await ShoppersAsync(app);
        var sara = await desk.AgentAsync("Sara", AgentTier.Pro, 1, certified: true, online: true, ["en"], world.Own, (Skill.Payments, 5));
        var per = await desk.AgentAsync("Per", AgentTier.Pro, 1, certified: true, online: true, ["en"], null, (Skill.Payments, 3));
        // Sara's record has +46 70 555 00 01; this one, written another way, is on a record only (no order carries it).
        var sameRecordPhone = await world.Feed.CreateAsync("customers", Customer("Rut Link", "rut@link.example", "+46-70-5550001"));

        await desk.HandOffAsync(sameRecordPhone);

        var offer = await desk.PendingOfferAsync();
        Assert.Equal(per.Id, offer.AgentId); // Sara fits better (level 5) but shares a phone
        Assert.DoesNotContain(await desk.OffersAsync(), o => o.AgentId == sara.Id);
    }

    [Fact]
    public async Task An_agent_cannot_open_a_customer_who_became_linked_to_them_and_the_attempt_is_audited()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var (desk, world) = await ShoppersAsync(app);
        var sara = await desk.AgentAsync("Sara", AgentTier.Pro, 1, certified: true, online: true, ["en"], world.Own, (Skill.Payments, 5));
        var session = new WebSession(app);
        await session.SignInAsync(sara.Email, People.Password);
        await using var console = await AgentConsoleClient.ConnectAsync(app, session);
        var held = await desk.HandOffAsync(world.Stranger);
        await console.AcceptAsync((await desk.PendingOfferAsync()).Id);
        Assert.NotNull(await console.CustomerAsync(held)); // not linked yet

        await world.Feed.CreateAsync("orders", Order(world.Stranger, world.Merchant, "sara-laptop", "Långgatan 9"));
        var refused = await Assert.ThrowsAsync<HubException>(() => console.CustomerAsync(held));

        Assert.Contains("linked to you", refused.Message, StringComparison.Ordinal);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Subject == $"customer:{world.Stranger}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["marketplace.conflict-refused", "marketplace.customer-viewed"], audited.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Sara's own account (her e-mail, phone and laptop, Björkvägen 3), a shopper who used her laptop, one who shipped
    /// to her address (in other case and spacing), and a stranger sharing nothing.
    /// </summary>
    private static async Task<(MarketDesk Desk, Shoppers World)> ShoppersAsync(OmbudTestApp app)
    {
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var own = await feed.CreateAsync("customers", Customer("Sara Lind", "sara@home.example", "+46 70 555 00 01"));
        var sameDevice = await feed.CreateAsync("customers", Customer("Dev Link", "dev@link.example", "+46 70 555 00 02"));
        var sameAddress = await feed.CreateAsync("customers", Customer("Adam Link", "adam@link.example", "+46 70 555 00 03"));
        var stranger = await feed.CreateAsync("customers", Customer("Sten Främling", "sten@far.example", "+46 70 555 00 04"));
        await feed.CreateAsync("orders", Order(own, merchant, "sara-laptop", "Björkvägen 3"));
        await feed.CreateAsync("orders", Order(sameDevice, merchant, "sara-laptop", "Ekgatan 12"));
        await feed.CreateAsync("orders", Order(sameAddress, merchant, "adam-phone", "björkvägen  3"));
        await feed.CreateAsync("orders", Order(stranger, merchant, "sten-tablet", "Långgatan 9"));
        return (await MarketDesk.OpenAsync(app), new Shoppers(feed, merchant, own, sameDevice, sameAddress, stranger));
    }

    private static JsonObject Customer(string name, string email, string phone)
    {
        var customer = Feed.Customer();
        (customer["name"], customer["email"], customer["phone"]) = (name, email, phone);
        return customer;
    }

    private static JsonObject Order(Guid customer, Guid merchant, string device, string street)
    {
        var order = Feed.Order(customer, merchant);
        var address = Feed.Address();
        address["line1"] = street;
        var customerEmail = $"{device}@orders.example";
        (order["deviceFingerprint"], order["shippingAddress"], order["billingAddress"], order["email"]) = (device, address, Feed.Address(), customerEmail);
        return order;
    }

    private sealed record Shoppers(Feed Feed, Guid Merchant, Guid Own, Guid SameDevice, Guid SameAddress, Guid Stranger);
}
