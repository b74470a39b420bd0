using MudBlazor;

namespace Ombud.Web.Layout;

/// <summary>Ombud's colours: a calm navy for the frame, so status colours (overdue, missed, fraud) stand out on it.</summary>
internal static class OmbudTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            // Every colour below is at least 4.5:1 on white and on the pale tint MudBlazor puts behind a chip or an
            // alert (WCAG 2.2 AA for text); MudBlazor's defaults (e.g. #00c853 success, #ff9800 warning) are near 2:1.
            Primary = "#1d3c6e",
            Secondary = "#a3440f",
            Tertiary = "#24704f",
            Info = "#0b5394",
            Success = "#1b6b2f",
            Warning = "#8a4600",
            Error = "#b3261e",
            TextSecondary = "#51565e",
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
