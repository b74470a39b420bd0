using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Commerce.Difficulty;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>The payment-difficulty pages as a browser first receives them.</summary>
public sealed class DifficultyPagesTests
{
    [Fact]
    public async Task The_shoppers_order_page_offers_more_time_to_pay_and_the_staff_page_shows_write_offs_waiting_for_a_second_person()
    {
        var (app, desk) = await DifficultyDesk.StartAsync(Provider.Sqlite);
        await using var _ = app;
        var (customer, order, plan) = await desk.ShopperAsync();
        await People.CreateAsync(app, "shopper@difficulty.example", Roles.Shopper, customerId: customer);
        await People.CreateAsync(app, "agent@difficulty.example", Roles.Agent);
        var asked = await desk.DoAsync(a => a.AdjustAsync(plan, AdjustmentKind.WriteOff, new AdjustmentTerms(AmountMinor: 15_000), "Long-term illness", "user:someone-else", default));
        using var shopper = new WebSession(app);
        await shopper.SignInAsync("shopper@difficulty.example", People.Password);
        using var agent = new WebSession(app);
        await agent.SignInAsync("agent@difficulty.example", People.Password);

        var orderPage = await shopper.GetPageAsync($"/shopper/orders/{order}");
        var staffPage = await agent.GetPageAsync($"/staff/difficulty/{customer}");

        Assert.Contains("Need more time to pay?", orderPage, StringComparison.Ordinal);
        Assert.Contains($"data-awaiting=\"{asked.Id}\"", staffPage, StringComparison.Ordinal);
        Assert.Contains($"data-approve=\"{asked.Id}\"", staffPage, StringComparison.Ordinal);
        Assert.Contains("150.00 SEK", staffPage, StringComparison.Ordinal);
        Assert.Contains($"data-staff-plan=\"{plan}\"", staffPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flagged_shopper_reads_the_contact_in_their_pages_and_staff_find_them_in_the_queue_linking_to_their_history()
    {
        var (app, desk) = await DifficultyDesk.StartAsync(Provider.Sqlite);
        await using var _ = app;
        var (customer, order, _) = await desk.ShopperAsync();
        await desk.MissSecondPaymentAsync(order);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DifficultyWatch>().RunAsync(default);
        }

        await People.CreateAsync(app, "flagged@difficulty.example", Roles.Shopper, customerId: customer);
        await People.CreateAsync(app, "queue@difficulty.example", Roles.Agent);
        using var shopper = new WebSession(app);
        await shopper.SignInAsync("flagged@difficulty.example", People.Password);
        using var agent = new WebSession(app);
        await agent.SignInAsync("queue@difficulty.example", People.Password);

        var home = await shopper.GetPageAsync("/shopper");
        var queue = await agent.GetPageAsync("/staff/difficulty");

        Assert.Contains("We are here if paying is hard right now", home, StringComparison.Ordinal);
        Assert.Contains("data-payment-notice=\"DifficultyContact\"", home, StringComparison.Ordinal);
        Assert.Contains($"data-case-customer=\"{customer}\"", queue, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/difficulty/{customer}\"", queue, StringComparison.Ordinal);
        Assert.Contains("1 payment missed", queue, StringComparison.Ordinal);
        Assert.Contains("Contacted once", queue, StringComparison.Ordinal);
    }
}
