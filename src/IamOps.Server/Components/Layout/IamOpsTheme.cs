using MudBlazor;

namespace IamOps.Server.Components.Layout;

/// <summary>The IamOps look: a calm blue-slate palette on a system font stack (no web fonts to download).</summary>
internal static class IamOpsTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#0f766e",
            Tertiary = "#7c3aed",
            AppbarBackground = "#0f172a",
            AppbarText = "#f8fafc",
            Background = "#f1f5f9",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1e293b",
            DrawerIcon = "#475569",
            TextPrimary = "#0f172a",
            TextSecondary = "#475569",
            TableLines = "#e2e8f0",
            LinesDefault = "#e2e8f0",
            Success = "#15803d",
            Warning = "#b45309",
            Error = "#b91c1c",
            Info = "#0369a1",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "DejaVu Sans", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "240px",
        },
    };
}
