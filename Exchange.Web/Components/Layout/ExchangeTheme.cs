using MudBlazor;

namespace Exchange.Web.Components.Layout;

public static class ExchangeTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1b5e7a", AppbarBackground = "#1b5e7a", Secondary = "#2e7d32" },
        PaletteDark = new PaletteDark { Primary = "#5fb3d4", AppbarBackground = "#0f2f3d", Secondary = "#66bb6a" },
    };
}
