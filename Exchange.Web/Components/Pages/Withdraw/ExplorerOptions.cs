namespace Exchange.Web.Components.Pages.Withdraw;

/// <summary>Configuration section <c>Explorer</c>: where a sweep's bundle can be looked at on the Tangle.</summary>
public sealed class ExplorerOptions
{
    public const string Section = "Explorer";

    /// <summary>The bundle hash is appended to this.</summary>
    public string BundleUrl { get; set; } = "https://explorer.iota.org/legacy-mainnet/bundle/";
}
