namespace Exchange.Tests.Infrastructure;

/// <summary>Real Kerl-checksummed IOTA addresses (Fixtures/iota-vectors.json) that tests withdraw to.</summary>
public static class TestAddresses
{
    public const string Payout = "FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASB";
    public const string OtherPayout = "UYEEERFQYTPFAHIPXDQAQYWYMSMCLMGBTYAXLWFRFFWPYFOICOVLK9A9VYNCKK9TQUNBTARCEQXJHD9VYXOEDEOMRC";
}
