using System.CommandLine;

namespace Ombud.Platform.Privacy;

/// <summary><c>ombud privacy export|erase</c>: a customer's data rights, run by an operator on the box; audited as <c>cli</c>.</summary>
internal static class PrivacyVerbs
{
    private const string Actor = "cli";

    public static Command Create()
    {
        var privacy = new Command("privacy", "Export or erase one customer's data (GDPR articles 15, 17 and 20).");
        privacy.Subcommands.Add(ExportVerb());
        privacy.Subcommands.Add(EraseVerb());
        return privacy;
    }

    private static Option<Guid> CustomerOption() => new("--customer") { Description = "The customer's id.", Required = true };

    private static Command ExportVerb()
    {
        var customer = CustomerOption();
        var output = new Option<FileInfo>("--out") { Description = "The zip to write (customer.json and files/).", Required = true };
        var command = new Command("export", "Write all of one customer's data to a zip file.") { customer, output };
        command.SetAction((parsed, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var id = parsed.GetValue(customer);
            var path = parsed.GetValue(output)!.FullName;
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"ombud: cannot write {path}: {e.Message}");
                return 1;
            }

            Outcome<CustomerArchive> written;
            await using (file)
            {
                written = await services.GetRequiredService<CustomerExport>().WriteAsync(id, Actor, file, line => Console.Out.WriteLine(line), cancellationToken);
            }

            if (!written.Succeeded)
            {
                File.Delete(path);
                await Console.Error.WriteLineAsync($"ombud: no customer with id {id}; nothing written.");
                return 1;
            }

            var records = written.Value!.Records.Values.Sum();
            await Console.Out.WriteLineAsync($"Exported customer {id}: {records} records in {written.Value.Records.Count} sections and {written.Value.Files} files to {path}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command EraseVerb()
    {
        var customer = CustomerOption();
        var yes = new Option<bool>("--yes") { Description = "Erase for real. Without it, only say what would be erased." };
        var command = new Command("erase", "Pseudonymise one customer, keeping financial records. Without --yes, only says what would be erased.")
        {
            customer,
            yes,
        };
        command.SetAction((parsed, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var id = parsed.GetValue(customer);
            if (await services.GetRequiredService<CustomerErasure>().BlockerAsync(id, cancellationToken) is { } blocked)
            {
                await Console.Error.WriteLineAsync($"ombud: {blocked}");
                return 1;
            }

            if (!parsed.GetValue(yes))
            {
                return await DescribeAsync(services, id, cancellationToken);
            }

            var erased = await services.GetRequiredService<CustomerErasure>().EraseAsync(id, Actor, cancellationToken);
            if (!erased.Succeeded)
            {
                await Console.Error.WriteLineAsync($"ombud: {(erased.Error is NotFound ? $"no customer with id {id}; nothing erased." : erased.Error!.Detail)}");
                return 1;
            }

            await Console.Out.WriteLineAsync($"Erased customer {id}; they are now {erased.Value!.Pseudonym}. Records changed: "
                                             + string.Join(", ", erased.Value.Records.Select(r => $"{r.Key} {r.Value}")) + ".");
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>What an erasure would touch, counted from an export that is thrown away (and not audited).</summary>
    private static async Task<int> DescribeAsync(IServiceProvider services, Guid id, CancellationToken ct)
    {
        var holders = services.GetServices<ICustomerDataHolder>().OrderBy(h => h.Module, StringComparer.Ordinal).ToList();
        var lines = new List<string>();
        foreach (var holder in holders)
        {
            var part = await holder.ExportAsync(id, ct);
            lines.AddRange(part.Sections.Select(s => $"  {holder.Module}.{s.Key}: {(s.Value is System.Collections.ICollection c ? c.Count : 1)}"));
            if (part.Files.Count > 0)
            {
                lines.Add($"  {holder.Module} files: {part.Files.Count}");
            }
        }

        if (lines.Count == 0)
        {
            await Console.Error.WriteLineAsync($"ombud: no customer with id {id}; nothing to erase.");
            return 1;
        }

        await Console.Out.WriteLineAsync($"Would erase customer {id} (names, contact details, addresses, devices, free text, files, the sign-in account) in:");
        foreach (var line in lines)
        {
            await Console.Out.WriteLineAsync(line);
        }

        await Console.Out.WriteLineAsync("Amounts, dates and ids stay (financial records). Nothing was changed: run again with --yes to erase.");
        return 0;
    }
}
