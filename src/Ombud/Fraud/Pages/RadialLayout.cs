using Ombud.Fraud.Links;

namespace Ombud.Fraud.Pages;

/// <summary>A node placed on the drawing, in the units of the SVG's view box.</summary>
internal sealed record PlacedNode(LinkNode Node, double X, double Y, int Level);

/// <summary>
/// Lays a link graph out in rings around where it started, drawn on the server (no script): each node's ring is its
/// distance in steps from the start, and within a ring nodes follow the angle of the neighbours they hang from, so
/// the lines mostly run outwards instead of across. The view box is square and the SVG scales to its container.
/// </summary>
internal static class RadialLayout
{
    public const double Size = 1000;
    private const double Margin = 60;

    public static IReadOnlyList<PlacedNode> Place(LinkGraph graph)
    {
        var neighbours = graph.Nodes.ToDictionary(n => n.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in graph.Edges.Where(e => neighbours.ContainsKey(e.From) && neighbours.ContainsKey(e.To)))
        {
            neighbours[edge.From].Add(edge.To);
            neighbours[edge.To].Add(edge.From);
        }

        var level = Levels(graph, neighbours);
        var rings = graph.Nodes.GroupBy(n => level[n.Id]).OrderBy(g => g.Key).ToList();
        var outermost = rings.Count == 0 ? 0 : rings[^1].Key;
        var lonelyCentre = rings.Count > 0 && rings[0].Count() == 1;
        var step = (Size / 2 - Margin) / Math.Max(1, lonelyCentre ? outermost : outermost + 1);
        var angle = new Dictionary<string, double>(StringComparer.Ordinal);
        var placed = new List<PlacedNode>();
        foreach (var ring in rings)
        {
            var radius = lonelyCentre ? ring.Key * step : (ring.Key + 1) * step;
            // Follow the parents: sort by the mean angle of neighbours already placed, then spread evenly.
            var ordered = ring.Select(n => (Node: n, Wanted: MeanAngle(neighbours[n.Id].Where(angle.ContainsKey).Select(id => angle[id]))))
                .OrderBy(x => x.Wanted ?? double.MaxValue).ThenBy(x => x.Node.Id, StringComparer.Ordinal).ToList();
            var count = ordered.Count;
            var turn = Rotation(ordered.Select((x, i) => (x.Wanted, Even: 2 * Math.PI * i / count)));
            for (var i = 0; i < count; i++)
            {
                var a = 2 * Math.PI * i / count + turn;
                angle[ordered[i].Node.Id] = a;
                placed.Add(new PlacedNode(ordered[i].Node, Size / 2 + radius * Math.Cos(a), Size / 2 + radius * Math.Sin(a), ring.Key));
            }
        }

        return placed;
    }

    /// <summary>Steps from the start nodes, breadth first; a node the start cannot reach goes one ring further out.</summary>
    private static Dictionary<string, int> Levels(LinkGraph graph, Dictionary<string, List<string>> neighbours)
    {
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var start in graph.Start.Where(neighbours.ContainsKey))
        {
            level[start] = 0;
            queue.Enqueue(start);
        }

        while (queue.TryDequeue(out var id))
        {
            foreach (var next in neighbours[id].Where(n => !level.ContainsKey(n)))
            {
                level[next] = level[id] + 1;
                queue.Enqueue(next);
            }
        }

        var beyond = level.Count == 0 ? 0 : level.Values.Max() + 1;
        foreach (var node in graph.Nodes.Where(n => !level.ContainsKey(n.Id)))
        {
            level[node.Id] = beyond;
        }

        return level;
    }

    private static double? MeanAngle(IEnumerable<double> angles)
    {
        var (x, y, n) = (0.0, 0.0, 0);
        foreach (var a in angles)
        {
            (x, y, n) = (x + Math.Cos(a), y + Math.Sin(a), n + 1);
        }

        return n == 0 ? null : Normalise(Math.Atan2(y, x));
    }

    /// <summary>The turn of the evenly spread ring that best matches where its nodes want to be (a circular mean of the differences).</summary>
    private static double Rotation(IEnumerable<(double? Wanted, double Even)> spots)
    {
        var diffs = spots.Where(s => s.Wanted is not null).Select(s => s.Wanted!.Value - s.Even).ToList();
        return diffs.Count == 0 ? -Math.PI / 2 : MeanAngle(diffs) ?? 0;
    }

    private static double Normalise(double a) => a < 0 ? a + 2 * Math.PI : a;
}
