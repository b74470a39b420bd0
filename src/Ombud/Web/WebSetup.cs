namespace Ombud.Web;

internal static class WebSetup
{
    public static void AddWeb(this IHostApplicationBuilder builder)
    {
    }

    public static void MapWeb(this WebApplication app)
    {
    }
}
