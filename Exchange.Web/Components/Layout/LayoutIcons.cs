using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Exchange.Web.Components.Layout;

/// <summary>The layout's icons as MudIcon writes them, built once rather than by a component per icon per render.</summary>
public static class LayoutIcons
{
    public static MarkupString Menu { get; } = Svg(Icons.Material.Filled.Menu);
    public static MarkupString LightMode { get; } = Svg(Icons.Material.Filled.LightMode);
    public static MarkupString DarkMode { get; } = Svg(Icons.Material.Filled.DarkMode);
    public static MarkupString Dashboard { get; } = NavSvg(Icons.Material.Filled.Dashboard);
    public static MarkupString Deposit { get; } = NavSvg(Icons.Material.Filled.Download);
    public static MarkupString Withdraw { get; } = NavSvg(Icons.Material.Filled.Upload);
    public static MarkupString History { get; } = NavSvg(Icons.Material.Filled.History);
    public static MarkupString Notifications { get; } = Svg(Icons.Material.Filled.Notifications);
    public static MarkupString Proof { get; } = NavSvg(Icons.Material.Filled.VerifiedUser);
    public static MarkupString VerifyBalance { get; } = NavSvg(Icons.Material.Filled.FactCheck);

    private static MarkupString Svg(string icon) => Svg(icon, "mud-icon-root mud-svg-icon mud-icon-size-medium");

    private static MarkupString NavSvg(string icon) =>
        Svg(icon, "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default");

    private static MarkupString Svg(string icon, string classes) =>
        new($"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
