using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Assistant.Chat;
using Ombud.Commerce.Contracts;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Shell;

/// <summary>
/// <c>ombud assistant shell</c>: talk to the assistant from a terminal, against the configured database, as a shopper.
/// Each line of standard input is one message; an empty line starts a new conversation. With <c>--json</c> each
/// answer is one JSON object on one line, which is how scripts and tests drive it. The turns are the real ones: the
/// same desk, policy and actions as the chat page, so what happens here happens to the data.
/// </summary>
internal static class AssistantShellVerb
{
    /// <summary>Enough for every pattern of the demo world, seeded in seconds into an empty database.</summary>
    private const int DemoCustomers = 40;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var customer = new Option<string?>("--customer")
        {
            Description = "The shopper to be: a customer id or the provider's external id (default: the first demo shopper).",
            HelpName = "ID",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per message (reply, intent, confidence, handoff, action, rule …)." };
        var shell = new Command("shell", "Chat with the assistant as a shopper: one message per line, an empty line starts a new conversation.") { customer, json };
        shell.SetAction((parsed, ct) => CommandHost.RunAsync(services => RunAsync(services, parsed.GetValue(customer), parsed.GetValue(json), ct), ct));
        var assistant = new Command("assistant", "The assistant's tools.");
        assistant.Subcommands.Add(shell);
        return assistant;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string? customerArgument, bool json, CancellationToken ct)
    {
        await SeedIfEmptyAsync(services, ct);
        var customer = await FindCustomerAsync(services.GetRequiredService<OmbudDb>(), customerArgument, ct);
        if (customer is null)
        {
            await Console.Error.WriteLineAsync(customerArgument is null
                ? "ombud assistant shell: the database has no customers to chat as."
                : $"ombud assistant shell: no customer '{customerArgument}' (give a customer id or external id).");
            return OmbudCli.UsageError;
        }

        var interactive = !Console.IsInputRedirected;
        if (!json)
        {
            await Console.Out.WriteLineAsync($"Chatting as {customer.Value.Name}. An empty line starts a new conversation; Ctrl+D ends.");
        }

        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        Guid? conversation = null;
        while (true)
        {
            if (interactive && !json)
            {
                await Console.Out.WriteAsync("you> ");
            }

            var line = await Console.In.ReadLineAsync(ct);
            if (line is null)
            {
                return 0;
            }

            if (line.Length == 0)
            {
                conversation = null;
                if (!json)
                {
                    await Console.Out.WriteLineAsync("— new conversation —");
                }

                continue;
            }

            // One unit of work per turn, as one request of the chat page would have.
            await using var scope = scopes.CreateAsyncScope();
            var desk = scope.ServiceProvider.GetRequiredService<ConversationDesk>();
            conversation ??= (await desk.StartAsync(customer.Value.Id, null, ct)).Value!.Id;
            var outcome = await desk.PostAsync(customer.Value.Id, conversation.Value, null, line, ct);
            var turn = outcome.Succeeded ? outcome.Value! : Refused(conversation.Value, outcome.Error!);
            await Console.Out.WriteLineAsync(json ? Line(turn) : Text(turn));
        }
    }

    private static TurnView Refused(Guid conversation, Platform.DomainError error) =>
        new(conversation, "", 0, error is Platform.Invalid invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : error.Detail,
            "", 0, "invalid-message", false, null, "en", null, [], "invalid", Replayed: false);

    private static string Line(TurnView turn) => JsonSerializer.Serialize(new
    {
        conversation = turn.ConversationId,
        reply = turn.Reply,
        intent = turn.Intent,
        confidence = turn.Confidence,
        handoff = turn.Handoff,
        action = turn.Action,
        rule = turn.Rule,
        language = turn.Language,
        queuePosition = turn.QueuePosition,
        limit = turn.Limit,
    }, Json);

    private static string Text(TurnView turn) =>
        string.Create(CultureInfo.InvariantCulture,
            $"ombud> {turn.Reply}\n       [{turn.Intent} {turn.Confidence:0.00} · {turn.Rule}{(turn.Action is null ? "" : $" · did {turn.Action}")}{(turn.Handoff ? " · handed off" : "")}]");

    private static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        var startup = services.GetRequiredService<DatabaseStartup>();
        var db = services.GetRequiredService<OmbudDb>();
        await startup.RunExclusiveAsync(async () =>
        {
            if (!await DemoWorldSeeder.HasCustomersAsync(db, ct))
            {
                var settings = new DemoWorldSettings(DemoCustomers, DemoWorldSettings.DefaultSeed, DemoWorldSettings.Today(services.GetRequiredService<TimeProvider>()));
                await DemoWorldSeeder.SeedAsync(db, settings, _ => { }, ct);
            }
        }, ct);
    }

    private static async Task<(Guid Id, string Name)?> FindCustomerAsync(OmbudDb db, string? argument, CancellationToken ct)
    {
        var customers = new CustomerOrders(db);
        CustomerProfile? found;
        if (argument is null)
        {
            var demoShopper = await db.Users.Where(u => u.Email == DemoAccounts.All[0].Email).Select(u => u.CustomerId).FirstOrDefaultAsync(ct);
            found = (demoShopper is { } shopper ? await customers.ProfileAsync(shopper, ct) : null)
                ?? await customers.FindAsync(DemoWorldBuilder.ShopperExternalId, ct)
                ?? await customers.FirstAsync(ct);
        }
        else
        {
            found = await customers.FindAsync(argument, ct);
        }

        return found is null ? null : (found.Id, found.Name);
    }
}
