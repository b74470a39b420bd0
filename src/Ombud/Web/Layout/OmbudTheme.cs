using MudBlazor;

namespace Ombud.Web.Layout;

/// <summary>Ombud's colours: a calm navy for the frame, so status colours (overdue, missed, fraud) stand out on it.</summary>
internal static class OmbudTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d3c6e",
            Secondary = "#c2571a",
            Tertiary = "#2a7f62",
            AppbarBackground = "#1d3c6e",
            Background = "#f4f6fa",
            DrawerBackground = "#ffffff",
            TableLines = "#e3e7ef",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
        // The system's own sans-serif: no web font to fetch, so a box without internet access looks the same.
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
