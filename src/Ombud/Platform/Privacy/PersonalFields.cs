using System.Text.Json.Nodes;

namespace Ombud.Platform.Privacy;

/// <summary>
/// Takes a customer's personal fields out of a stored JSON document (an event's payload, a webhook's body) whose shape
/// Platform does not know: every property with a personal name, at any depth, becomes null.
/// </summary>
public static class PersonalFields
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "email", "phone", "deviceFingerprint", "ipAddress", "address", "billingAddress", "shippingAddress",
        "line1", "line2", "city", "postalCode", "description", "note", "text", "summary", "reason", "explanation",
        "trackingNumber", "fileName",
    };

    /// <summary>The document without personal fields; the same text when there were none, or when it is not JSON.</summary>
    public static string Remove(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }

        return root is not null && Scrub(root) ? root.ToJsonString() : json;
    }

    private static bool Scrub(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (Names.Contains(key) && value is not null)
                    {
                        obj[key] = null;
                        changed = true;
                    }
                    else if (value is not null)
                    {
                        changed |= Scrub(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    changed |= Scrub(item);
                }

                break;
        }

        return changed;
    }
}
