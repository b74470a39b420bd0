using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Contracts;

/// <summary>
/// A risk decision's one read: the order's facts and the earlier orders sharing an identity with it, each with its
/// demo-world label, in one statement (one round trip) read column by column. The statement is written once per EF
/// model (PostgreSQL and SQLite both take it) and runs through EF Core's relational command, so the connection, the open
/// transaction, the command log and its interceptors are the ones EF's own queries use; only LINQ translation and the
/// materialiser are left out, which were most of the read's CPU around its round trip.
/// </summary>
/// <remarks>
/// The earlier orders are one scan of the orders on "shares any identity with the order" (one <c>OR</c> per identity),
/// which PostgreSQL answers with one bitmap index scan per identity index, OR-ed, and reads the rows once: a missing
/// identity (no device, no phone …) links nothing (<c>NULL = NULL</c> is not true), and an order sharing several
/// identities comes once. The rows carry their own columns from there, and the merchant's category is a primary-key
/// look-up per row (every order has one: a foreign key). The order itself is one of those rows (it shares its customer
/// with itself): it sorts first and the limit is one more than <see cref="RiskHistory.LinkedLimit"/>, so the statement
/// needs no <c>WITH</c> for the order and no <c>UNION</c> to put it beside its history. Npgsql prepares the statement and
/// PostgreSQL runs it as one cached generic plan (planning ≈ 5 µs); what a read costs it besides the scans is setting
/// up that plan's nodes and expressions on every run, so fewer nodes and only the columns a feature reads (not
/// <c>o.*</c> through three CTEs) cut it: ~18 % less PostgreSQL CPU a read on the demo world (pgbench,
/// docs/benchmarks.md). The customer's account date is looked up for the order itself only: no feature reads it of an
/// earlier order, and looking it up per earlier row was about a seventh of PostgreSQL's CPU for the read. Written
/// before as a <c>UNION</c> of one join per identity whose ids were joined back to the orders, the read cost PostgreSQL
/// a hash of the union and a scan of every order at the demo world's size, and ~35 % more time a read there and with
/// 300 times the orders (pgbench, prepared statement, one connection); every form returns the same rows in the same
/// order. Names come from the EF model (<see cref="StoreNames"/>); the order id is the only parameter. On PostgreSQL the parameter is
/// positional (<c>$1</c>, unnamed): Npgsql then sends the text as it is, where a named <c>@orderId</c> has it parse the
/// whole statement on every read to rewrite the name; SQLite keeps the named one.
/// </remarks>
internal sealed class EarlierLinkedRead
{
    private const string IdParameter = "orderId";

    private readonly string _statement;

    private readonly IRelationalParameter[] _id;

    private readonly RelationalCommandBuilderDependencies _commands;

    public EarlierLinkedRead(OmbudDb db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var idMapping = db.GetService<IRelationalTypeMappingSource>().GetMapping(typeof(Guid));
        var positional = db.Database.IsNpgsql();
        _statement = Statement(db, positional ? "$1" : sql.GenerateParameterNamePlaceholder(IdParameter));
        _id = [new IdParameterOf(idMapping, positional ? "" : sql.GenerateParameterName(IdParameter))];
        _commands = db.GetService<RelationalCommandBuilderDependencies>();
    }

    /// <summary>The order (null: no such order) and, newest first, at most <see cref="RiskHistory.LinkedLimit"/> earlier linked orders.</summary>
    public async Task<(RiskOrderFacts? Order, List<LabelledOrder> Linked)> ReadAsync(OmbudDb db, Guid orderId, CancellationToken ct)
    {
        // A command per read: EF Core's relational command keeps the data reader it hands out for its next run, so one
        // shared by concurrent reads would dispose another read's reader. Made from the statement as it is, not through
        // EF's command builder, which copies the text (twice: to run and to log) through string builders on every read:
        // about 15 % of the bytes a decision allocated (dotnet-trace, docs/benchmarks.md).
        var command = new RelationalCommand(_commands, _statement, _statement, _id);
        RiskOrderFacts? order = null;
        var linked = new List<LabelledOrder>();
        await using var reader = await command.ExecuteReaderAsync(new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(),
            new Dictionary<string, object?> { [IdParameter] = orderId }, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()), ct);
        // Columns in the statement's order: 0 whether the row is an earlier order, 1–18 the facts, 19 the label.
        var row = reader.DbDataReader;
        while (await row.ReadAsync(ct))
        {
            if (row.GetInt32(0) == 0)
            {
                order = FactsOf(row);
            }
            else
            {
                linked.Add(new LabelledOrder(FactsOf(row), row.IsDBNull(19) ? null : row.GetBoolean(19)));
            }
        }

        return (order, linked);
    }

    private static RiskOrderFacts FactsOf(DbDataReader row) => new(
        row.GetGuid(1), row.GetGuid(2), Utc(row.GetDateTime(3)), row.GetInt64(4), row.GetString(5), Text(row, 6), Text(row, 7), Text(row, 8),
        Text(row, 9), AddressKey(row, 10), AddressKey(row, 13), row.IsDBNull(16) ? null : Utc(row.GetDateTime(16)), row.GetString(17), Text(row, 18));

    private static string? Text(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    /// <summary>An address as one normalised key: line, postcode and country (the same key training uses).</summary>
    private static string AddressKey(DbDataReader row, int first) => $"{row.GetString(first)}|{row.GetString(first + 1)}|{row.GetString(first + 2)}";

    /// <summary>Stored instants are UTC; SQLite hands them back unspecified (EF's model says so on its own reads).</summary>
    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    private static string Statement(OmbudDb db, string orderId)
    {
        string O(string property) => db.Column<Order>(property);
        string Shipping(string property) => O($"{nameof(Order.ShippingAddress)}.{property}");
        string Billing(string property) => O($"{nameof(Order.BillingAddress)}.{property}");
        var (orders, id, placedAt) = (db.Table<Order>(), O(nameof(Order.Id)), O(nameof(Order.PlacedAt)));
        var (labels, labelOrder) = (db.Table<DemoLabel>(), db.Column<DemoLabel>(nameof(DemoLabel.OrderId)));
        string[] identities = [O(nameof(Order.CustomerId)), O(nameof(Order.DeviceFingerprint)), O(nameof(Order.InstrumentFingerprint)),
            O(nameof(Order.IpAddress)), O(nameof(Order.Email)), O(nameof(Order.Phone))];
        string[] address = [Shipping(nameof(Address.Line1)), Shipping(nameof(Address.PostalCode)), Shipping(nameof(Address.Country))];
        var shared = identities.Select(c => $"o.{c} = t.{c}").Append($"({string.Join(" AND ", address.Select(c => $"o.{c} = t.{c}"))})");
        var fraudKinds = string.Join(", ", RiskHistory.FraudKinds.Select(k => $"'{k}'"));
        // The order's own columns in the reader's order (1–15); the instrument (18) and the merchant's id (for its category) follow.
        string[] facts = [id, O(nameof(Order.CustomerId)), placedAt, O(nameof(Order.TotalMinor)), O(nameof(Order.Currency)),
            O(nameof(Order.Email)), O(nameof(Order.Phone)), O(nameof(Order.DeviceFingerprint)), O(nameof(Order.IpAddress)),
            Billing(nameof(Address.Line1)), Billing(nameof(Address.PostalCode)), Billing(nameof(Address.Country)), .. address];
        string Of(string alias, IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"{alias}.{c}"));
        var (customerId, instrument, merchantId) = (O(nameof(Order.CustomerId)), O(nameof(Order.InstrumentFingerprint)), O(nameof(Order.MerchantId)));
        return $"""
            SELECT s."Earlier", {Of("s", facts)},
                CASE WHEN s."Earlier" = 0 THEN (SELECT c.{db.Column<Customer>(nameof(Customer.AccountCreatedAt))} FROM {db.Table<Customer>()} c
                    WHERE c.{db.Column<Customer>(nameof(Customer.Id))} = s.{customerId}) END,
                (SELECT m.{db.Column<Merchant>(nameof(Merchant.CategoryCode))} FROM {db.Table<Merchant>()} m
                    WHERE m.{db.Column<Merchant>(nameof(Merchant.Id))} = s.{merchantId}),
                s.{instrument},
                CASE WHEN EXISTS (SELECT 1 FROM {labels} l WHERE l.{labelOrder} = s.{id})
                    THEN EXISTS (SELECT 1 FROM {labels} l WHERE l.{labelOrder} = s.{id} AND l.{db.Column<DemoLabel>(nameof(DemoLabel.Kind))} IN ({fraudKinds}))
                END
            FROM (SELECT CASE WHEN o.{id} = t.{id} THEN 0 ELSE 1 END AS "Earlier", {Of("o", facts)}, o.{instrument}, o.{merchantId}
                FROM {orders} t JOIN {orders} o ON {string.Join("\n        OR ", shared)}
                WHERE t.{id} = {orderId} AND (o.{placedAt} < t.{placedAt} OR o.{id} = t.{id})
                ORDER BY 1, o.{placedAt} DESC LIMIT {RiskHistory.LinkedLimit + 1}) s
            ORDER BY s."Earlier", s.{placedAt} DESC
            """;
    }

    /// <summary>
    /// The order id, bound by EF Core's type mapping for a Guid (SQLite's upper-case text, PostgreSQL's uuid) under
    /// <paramref name="name"/>; an empty name makes it positional for Npgsql, which EF Core's own parameter refuses.
    /// </summary>
    private sealed class IdParameterOf(RelationalTypeMapping mapping, string name) : IRelationalParameter
    {
        public string InvariantName => IdParameter;

        public void AddDbParameter(DbCommand command, object? value) => command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable: false));

        public void AddDbParameter(DbCommand command, IReadOnlyDictionary<string, object?>? parameterValues) =>
            AddDbParameter(command, parameterValues![IdParameter]);
    }
}
