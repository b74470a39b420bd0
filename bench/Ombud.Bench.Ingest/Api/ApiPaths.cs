namespace Ombud.Bench.Ingest.Api;

/// <summary>Relative on purpose: they resolve under the base URL, whatever path prefix it has.</summary>
internal static class ApiPaths
{
    public const string Merchants = "api/v1/merchants";
    public const string Customers = "api/v1/customers";
    public const string Orders = "api/v1/orders";
    public const string OrderBatches = "api/v1/orders/batch";
}
