using MudBlazor;

namespace Exchange.Web.Components.Layout;

/// <summary>
/// The exchange's colours. Every colour that shows text (as text, or behind a button's label) keeps
/// WCAG AA's contrast of 4.5:1 in both modes, which MudBlazor's defaults do not: light mode takes
/// darker shades of the status colours, dark mode lighter ones with dark text on filled buttons,
/// and secondary text a little stronger in both.
/// </summary>
public static class ExchangeTheme
{
    private const string DarkText = "rgba(0,0,0,0.87)";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b5e7a", AppbarBackground = "#1b5e7a", Secondary = "#2e7d32",
            Info = "#1565c0", Success = "#2e7d32", Warning = "#a35200", Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.6)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5fb3d4", PrimaryContrastText = DarkText, AppbarBackground = "#0f2f3d",
            Secondary = "#66bb6a", SecondaryContrastText = DarkText,
            Info = "#81d4fa", InfoContrastText = DarkText,
            Success = "#a5d6a7", SuccessContrastText = DarkText,
            Warning = "#ffb74d", WarningContrastText = DarkText,
            // An alert's text is the darker shade: the computed one of this red is too dark on the dark surface.
            Error = "#ffb4ab", ErrorDarken = "#ff8a80", ErrorContrastText = DarkText,
            TextSecondary = "rgba(255,255,255,0.6)",
        },
    };
}
