

namespace Ombud.Commerce;

internal static class CommerceSetup
{
    public static void AddCommerce(this IHostApplicationBuilder builder)
    {
    }

    public static void MapCommerce(this IEndpointRouteBuilder app)
    {
    }
}
