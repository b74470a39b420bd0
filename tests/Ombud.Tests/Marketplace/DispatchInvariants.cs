using Npgsql;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// What must hold at every moment, whatever the nodes do and whichever of them dies: one agent per conversation, no
/// agent above capacity, every agent's counters equal to their offers and conversations, and a place offered only by
/// the one offer it names. Each rule is one SQL statement, so it reads one snapshot of the database even while both
/// nodes write: a violation it reports was committed, not caught half way.
/// </summary>
internal static class DispatchInvariants
{
    private static readonly (string Rule, string Sql)[] Rules =
    [
        ("a place with two accepted offers",
            """SELECT count(*) FROM (SELECT 1 FROM marketplace_offers WHERE "Status" = 'Accepted' GROUP BY "QueueEntryId" HAVING count(*) > 1) x"""),
        ("a place with two pending offers",
            """SELECT count(*) FROM (SELECT 1 FROM marketplace_offers WHERE "Status" = 'Pending' GROUP BY "QueueEntryId" HAVING count(*) > 1) x"""),
        ("a conversation accepted by two agents",
            """
            SELECT count(*) FROM (SELECT 1 FROM marketplace_offers o JOIN marketplace_queue q ON q."Id" = o."QueueEntryId"
                                  WHERE o."Status" = 'Accepted' GROUP BY q."ConversationId" HAVING count(*) > 1) x
            """),
        ("an accepted offer whose place names another agent",
            """
            SELECT count(*) FROM marketplace_offers o JOIN marketplace_queue q ON q."Id" = o."QueueEntryId"
            WHERE o."Status" = 'Accepted' AND q."AgentId" IS DISTINCT FROM o."AgentId"
            """),
        ("an assigned place whose conversation another person holds",
            """
            SELECT count(*) FROM marketplace_queue q JOIN marketplace_agents a ON a."Id" = q."AgentId"
                JOIN conversations_conversations c ON c."Id" = q."ConversationId"
            WHERE q."Status" = 'Assigned' AND c."AgentId" IS DISTINCT FROM a."UserId"
            """),
        ("an offered place without its pending offer",
            """
            SELECT count(*) FROM marketplace_queue q
            WHERE q."Status" = 'Offered' AND NOT EXISTS (SELECT 1 FROM marketplace_offers o WHERE o."Id" = q."OfferId" AND o."Status" = 'Pending')
            """),
        ("a pending offer for a place not offered by it",
            """
            SELECT count(*) FROM marketplace_offers o JOIN marketplace_queue q ON q."Id" = o."QueueEntryId"
            WHERE o."Status" = 'Pending' AND (q."Status" <> 'Offered' OR q."OfferId" IS DISTINCT FROM o."Id")
            """),
        ("an agent above capacity",
            $"""SELECT count(*) FROM ({Load}) l WHERE l.pending + l.held > l."MaxConversations" """),
        ("an agent whose counters disagree with their offers and conversations",
            $"""SELECT count(*) FROM ({Load}) l WHERE l.pending <> l."PendingOffers" OR l.held <> l."ActiveConversations" """),
    ];

    /// <summary>Each agent's load as the rows say it and as their counters say it.</summary>
    private const string Load = """
        SELECT a."MaxConversations", a."PendingOffers", a."ActiveConversations", coalesce(p.n, 0) AS pending, coalesce(h.n, 0) AS held
        FROM marketplace_agents a
        LEFT JOIN (SELECT "AgentId", count(*) AS n FROM marketplace_offers WHERE "Status" = 'Pending' GROUP BY "AgentId") p ON p."AgentId" = a."Id"
        LEFT JOIN (SELECT "AgentId", count(*) AS n FROM marketplace_queue WHERE "Status" = 'Assigned' GROUP BY "AgentId") h ON h."AgentId" = a."Id"
        """;

    /// <summary>The rules broken now, each with how many rows break it; empty when all hold.</summary>
    public static async Task<IReadOnlyList<string>> BrokenAsync(NpgsqlConnection db)
    {
        var broken = new List<string>();
        foreach (var (rule, sql) in Rules)
        {
            await using var command = new NpgsqlCommand(sql, db);
            if ((long)(await command.ExecuteScalarAsync())! is var count and > 0)
            {
                broken.Add($"{count} × {rule}");
            }
        }

        return broken;
    }

    /// <summary>How many agents are at their capacity now (offers pending plus conversations held): proof the limit was reached, not only kept.</summary>
    public static async Task<long> AtCapacityAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand($"""SELECT count(*) FROM ({Load}) l WHERE l.pending + l.held = l."MaxConversations" """, db);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
