using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// The demo server with the dispute clocks that are business choices set to zero days: a report may escalate and a
/// preliminary decision become final at once, so a browser test can walk the whole lifecycle without waiting weeks.
/// The steps stay the product's own; only the waiting is taken out.
/// </summary>
public sealed class DisputeDemoServer() : DemoServer(new Dictionary<string, string>
{
    ["Ombud__Disputes__StoreResolutionDays"] = "0",
    ["Ombud__Disputes__AppealDays"] = "0",
});

/// <summary>
/// A dispute from end to end in a real browser: the demo shopper reports a problem on an order and sees the plan
/// paused; staff escalate it to the store; the demo merchant answers in its portal; staff decide; the shopper sees
/// the outcome and the refund. A screenshot at each step.
/// </summary>
public sealed partial class DisputeFlowTests(DisputeDemoServer server) : IClassFixture<DisputeDemoServer>
{
    private const string Item = "Studio headphones";

    [Fact]
    public async Task A_shopper_reports_a_problem_the_store_answers_staff_decide_and_the_shopper_sees_the_outcome()
    {
        var orderId = await PlaceOrderAtTheDemoMerchantAsync();

        // The shopper opens the order from their home page and reports that it never arrived.
        var shopper = await SignInAsync("shopper", "/shopper");
        await shopper.Locator($"a[data-order='{orderId}']").ClickAsync();
        await shopper.WaitForURLAsync($"**/shopper/orders/{orderId}");
        await Expect(shopper.Locator("[data-report-form]")).ToBeVisibleAsync();
        await Screenshot(shopper, "dispute-1-order");

        await DemoServer.ChooseAsync(shopper, shopper.Locator("[data-reason]"), "Goods or service not received");
        await shopper.GetByLabel("What happened").FillAsync("The tracking says delivered, but no parcel came to my door or my mailbox.");
        await shopper.Locator("button[data-report]").ClickAsync();
        // A report opens a case and pauses money: the page says what will happen and asks first.
        await Expect(shopper.GetByRole(AriaRole.Dialog)).ToContainTextAsync("You dispute 1,348.00 SEK");
        await shopper.Locator("button[data-confirm-yes]").ClickAsync();
        await shopper.WaitForURLAsync(new Regex(@"/shopper/disputes/[0-9a-f-]{36}$"));
        var disputeId = shopper.Url[^36..];

        await Expect(shopper.Locator("[data-plan-paused]")).ToContainTextAsync("Payments of SEK 1,011.00 are paused");
        await Expect(shopper.Locator("tr[data-paused='true']")).ToHaveCountAsync(3);
        await Expect(shopper.Locator("tr[data-paused='false']")).ToHaveCountAsync(1);
        // The store period is zero days here: the dispute timer may escalate the report before the page is read.
        await Expect(shopper.Locator("[data-status] [data-dispute-state]")).ToHaveTextAsync(new Regex("^(Sorting it out with the store|Waiting for the store's answer)$"));
        await Expect(shopper.Locator("[data-timeline]")).ToContainTextAsync("You reported a problem");
        await Screenshot(shopper, "dispute-2-reported-plan-paused");
        await shopper.Context.CloseAsync();

        // The store period (zero days here) is over: staff escalate the report to the merchant.
        var staff = await SignInAsync("agent", "/agent");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Dispute reviews" }).ClickAsync();
        await staff.WaitForURLAsync("**/disputes/review");
        await staff.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Clock ran out") }).ClickAsync();
        await TakeDueStepIfStillDueAsync(staff, disputeId, "Escalate");
        await Expect(staff.Locator("[data-status] [data-dispute-state]")).ToHaveAttributeAsync("data-dispute-state", "Initiated");
        await Screenshot(staff, "dispute-3-escalated");
        await staff.Context.CloseAsync();

        // The merchant answers in its portal: text, the shipment's tracking, and a file.
        var merchant = await SignInAsync("merchant", "/merchant");
        await merchant.GetByRole(AriaRole.Link, new() { Name = "Disputes", Exact = true }).ClickAsync();
        await merchant.WaitForURLAsync("**/merchant/disputes");
        await Expect(merchant.Locator("[data-disputes]").First).ToContainTextAsync("Goods or service not received");
        await Screenshot(merchant, "dispute-4-merchant-list");
        await merchant.Locator($"a[data-dispute='{disputeId}']").ClickAsync();
        await merchant.WaitForURLAsync($"**/merchant/disputes/{disputeId}");
        await Expect(merchant.Locator("[data-claim-text]")).ToContainTextAsync("no parcel came to my door");
        await Expect(merchant.GetByLabel("Tracking number (optional)")).ToHaveValueAsync("PN-BROWSER-1");

        await merchant.GetByLabel("Your side of it").FillAsync("Delivered to the parcel locker at the shopper's address; the carrier's record is attached.");
        // A program called a PDF is refused as it is chosen, with the reason; the real PDF is attached.
        // The picker empties itself after each file by putting a new input after the old one, which lingers hidden for a
        // moment: the newest is the last.
        var evidenceFile = merchant.Locator("[data-action='evidence'] input[type=file]").Last;
        await evidenceFile.SetInputFilesAsync(new FilePayload
        {
            Name = "receipt.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("MZ\u0090\0This program cannot be run in DOS mode."),
        });
        await Expect(merchant.Locator("[data-problem]")).ToContainTextAsync("'receipt.pdf' is not a PDF, JPEG, PNG or DOCX file");
        await Expect(merchant.Locator("[data-attached]")).ToHaveCountAsync(0);
        await evidenceFile.SetInputFilesAsync(new FilePayload { Name = "proof-of-delivery.pdf", MimeType = "application/pdf", Buffer = ProofOfDelivery });
        await Expect(merchant.Locator("[data-attached]")).ToContainTextAsync("proof-of-delivery.pdf");
        await Expect(merchant.Locator("[data-problem]")).ToHaveCountAsync(0);
        await Screenshot(merchant, "dispute-5-merchant-answer");
        await merchant.Locator("button[data-submit-evidence]").ClickAsync();
        await Expect(merchant.Locator("[data-notice]")).ToContainTextAsync("Your evidence is submitted");
        await Expect(merchant.Locator("[data-evidence-text]")).ToContainTextAsync("parcel locker");
        await Expect(merchant.Locator("[data-evidence] [data-file]")).ToContainTextAsync("proof-of-delivery.pdf");
        await Screenshot(merchant, "dispute-6-evidence-submitted");
        // The portal's people download their own file with their sign-in cookie, as sent, saved under the name Ombud
        // gives it (evidence-<id>.<what the bytes are>); the name the merchant gave is only shown.
        var mine = await merchant.RunAndWaitForDownloadAsync(() => merchant.Locator("[data-evidence] a[data-download]").ClickAsync());
        Assert.Matches("^evidence-[0-9a-f-]{36}\\.pdf$", mine.SuggestedFilename);
        Assert.Equal(ProofOfDelivery, await File.ReadAllBytesAsync(await mine.PathAsync()));
        await merchant.Context.CloseAsync();

        // Staff decide from the review queue, with both sides side by side: the shopper wins.
        staff = await SignInAsync("admin", "/admin");
        await staff.GotoAsync("/disputes/review");
        await DemoServer.WaitUntilLiveAsync(staff);
        await staff.Locator($"[data-review='{disputeId}']").ClickAsync();
        await staff.WaitForURLAsync($"**/disputes/review/{disputeId}");
        await Expect(staff.Locator("[data-claim-text]")).ToContainTextAsync("no parcel came to my door");
        await Expect(staff.Locator("[data-evidence] [data-evidence-text]")).ToContainTextAsync("parcel locker");
        await Expect(staff.Locator("[data-evidence] [data-file]")).ToContainTextAsync("proof-of-delivery.pdf");
        await Expect(staff.Locator("[data-evidence] [data-file]")).ToContainTextAsync("PDF");
        await Expect(staff.Locator("[data-evidence] [data-file]")).ToContainTextAsync("The store");
        var read = await staff.RunAndWaitForDownloadAsync(() => staff.Locator("[data-evidence] a[data-download]").ClickAsync());
        Assert.Equal(ProofOfDelivery, await File.ReadAllBytesAsync(await read.PathAsync()));
        await DemoServer.ChooseAsync(staff, staff.Locator("[data-detail]"), "Not enough proof of delivery");
        await staff.GetByLabel("Explanation for both sides").FillAsync(
            "A locker delivery needs the locker's pick-up record; the carrier's note alone does not show the shopper received it.");
        await Screenshot(staff, "dispute-7-decision");
        await staff.Locator("button[data-decide]").ClickAsync();
        // A decision moves money: the page says what happens and asks first.
        await Expect(staff.Locator("[data-confirm-dialog]")).ToContainTextAsync("is refunded");
        await Expect(staff.Locator("[data-notice]")).ToHaveCountAsync(0);
        await staff.Locator("button[data-confirm-yes]").ClickAsync();
        await Expect(staff.Locator("[data-notice]")).ToContainTextAsync("The decision is recorded");
        // The appeal window (zero days here) is over at once: the preliminary decision becomes final.
        await TakeDueStepIfStillDueAsync(staff, disputeId, "Close");
        await Expect(staff.Locator("[data-status] [data-dispute-state]")).ToHaveAttributeAsync("data-dispute-state", "Closed");
        await Screenshot(staff, "dispute-8-decided");
        await staff.Context.CloseAsync();

        // The shopper comes back and sees the outcome: decided for them, refunded, nothing paused any more.
        shopper = await SignInAsync("shopper", "/shopper");
        await shopper.GetByRole(AriaRole.Link, new() { Name = "My disputes" }).ClickAsync();
        await shopper.WaitForURLAsync("**/shopper/disputes");
        await shopper.Locator($"a[data-dispute='{disputeId}']").ClickAsync();
        await shopper.WaitForURLAsync($"**/shopper/disputes/{disputeId}");
        await Expect(shopper.Locator("[data-status] [data-dispute-state]")).ToHaveTextAsync("Decided in your favour");
        await Expect(shopper.Locator("[data-refund]")).ToContainTextAsync("SEK 1,348.00");
        await Expect(shopper.Locator("[data-next]")).ToContainTextAsync("Not enough proof of delivery");
        await Expect(shopper.Locator("tr[data-paused='true']")).ToHaveCountAsync(0);
        await Expect(shopper.Locator("[data-timeline]")).ToContainTextAsync("The store answered with evidence");
        await Expect(shopper.Locator("[data-file]")).ToContainTextAsync("proof-of-delivery.pdf");
        await Screenshot(shopper, "dispute-9-outcome");

        var stored = await server.QueryAsync(
            $"SELECT State || ' ' || Outcome || ' ' || RefundMinor FROM disputes_disputes WHERE Id = '{disputeId.ToUpperInvariant()}'");
        Assert.Equal("Closed MerchantLost 134800", Assert.Single(stored));
        var actors = await server.QueryAsync(
            $"SELECT substr(Actor, 1, instr(Actor, ':')) FROM disputes_transitions WHERE DisputeId = '{disputeId.ToUpperInvariant()}' ORDER BY Number");
        // Escalating and closing are staff's clicks or the timer's ("system"), whichever came first.
        Assert.Equal(5, actors.Count);
        Assert.Equal(("customer:", "merchant:", "user:"), (actors[0], actors[2], actors[3]));
        Assert.All(new[] { actors[1], actors[4] }, actor => Assert.Contains(actor, new[] { "user:", "" }));
        var files = await server.QueryAsync(
            $"SELECT FileName || ' ' || ContentType || ' ' || Party FROM disputes_files WHERE DisputeId = '{disputeId.ToUpperInvariant()}'");
        Assert.Equal("proof-of-delivery.pdf application/pdf Merchant", Assert.Single(files)); // the disguised file was never stored

        // Each visit of a dispute page is one audited read of its evidence, however often the page re-read the dispute
        // after a step; each download is one more. Two staff members visited (the agent to escalate, the admin to decide);
        // a reload while waiting for the timer is one visit more.
        var staffViews = await server.QueryAsync(
            $"SELECT Actor FROM platform_audit_log WHERE Action = 'dispute.evidence-viewed' AND Subject = 'dispute:{disputeId}' AND Detail LIKE 'as staff;%on the page'");
        Assert.True(staffViews.Count >= 2, $"{staffViews.Count} staff views audited");
        Assert.Equal(2, staffViews.Distinct().Count());
        Assert.All(staffViews, actor => Assert.StartsWith("user:", actor, StringComparison.Ordinal));
        var downloads = await server.QueryAsync(
            $"SELECT substr(Detail, instr(Detail, ' as ') + 4) FROM platform_audit_log WHERE Action = 'dispute.file-downloaded' AND Subject = 'dispute:{disputeId}' ORDER BY At");
        Assert.Equal(["merchant", "staff"], downloads);
    }

    /// <summary>A minimal valid PDF: one empty page.</summary>
    private static readonly byte[] ProofOfDelivery = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>
    /// Takes the step whose time has come (escalate, close) from the dispute's review page, unless the dispute timer
    /// took it first; either way the page then shows the dispute after that step.
    /// </summary>
    private static async Task TakeDueStepIfStillDueAsync(IPage staff, string disputeId, string move)
    {
        if (!staff.Url.EndsWith(disputeId, StringComparison.Ordinal))
        {
            // The queue lists the dispute only while its step is due; once the timer took it, it is gone from the list.
            var listed = staff.Locator($"[data-review='{disputeId}']");
            if (await listed.CountAsync() > 0)
            {
                await listed.ClickAsync();
            }
            else
            {
                await staff.GotoAsync($"/disputes/review/{disputeId}");
                await DemoServer.WaitUntilLiveAsync(staff);
            }

            await staff.WaitForURLAsync($"**/disputes/review/{disputeId}");
        }

        await Expect(staff.Locator("[data-status]")).ToBeVisibleAsync();
        var step = staff.Locator($"button[data-due-step='{move}']");
        if (await step.CountAsync() > 0)
        {
            await step.ClickAsync();
            // The step cannot be undone, so the page asks first (the timer may have taken it meanwhile: then the
            // confirmed step is refused, and the state below still shows the move).
            await staff.Locator("button[data-confirm-yes]").ClickAsync();
        }

        // The timer ticks every few seconds and may take the step between the count and the click, and the page
        // does not follow changes made elsewhere: read the dispute afresh until the step shows, by the click or the timer.
        var state = staff.Locator("[data-status] [data-dispute-state]");
        var after = move == "Close" ? "Closed" : "Initiated";
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await state.GetAttributeAsync("data-dispute-state") != after && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await staff.ReloadAsync();
            await Expect(staff.Locator("[data-status]")).ToBeVisibleAsync();
        }
    }

    /// <summary>
    /// The demo merchant account acts for the busiest store, which the demo shopper may not have bought from on the
    /// day the world was seeded: so the provider's system places a fresh order for the shopper at that store.
    /// </summary>
    private async Task<string> PlaceOrderAtTheDemoMerchantAsync()
    {
        using var checkout = await DemoCheckout.OpenAsync(server, "browser-test-checkout");
        return await checkout.PlaceShippedOrderAsync(null, "HP-900", Item, 129_900, "PostNord", "PN-BROWSER-1");
    }

    private Task<IPage> SignInAsync(string role, string home) => server.SignInAsync(role, home);

    private static Task Screenshot(IPage page, string name) => DemoServer.ScreenshotAsync(page, name);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
