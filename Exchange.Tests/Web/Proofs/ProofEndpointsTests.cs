using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Core.Proofs;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Proofs;

/// <summary>
/// Two snapshots of a real ledger in the real app, of which only the newest keeps its tree: alice
/// is in both, bob only in the second.
/// </summary>
public sealed class ProofSnapshotsFixture : IAsyncLifetime
{
    public ExchangeAppFactory App { get; } = new() { Settings = { ["ProofOfLiabilities:TreesKept"] = "1" } };
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Alice { get; private set; } = null!;
    public HttpClient Bob { get; private set; } = null!;
    public PublishedSnapshot First { get; private set; } = null!;
    public PublishedSnapshot Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await App.CreateAsync("alice@example.com");
        await App.CreateAsync("bob@example.com");
        await CreditAsync("alice@example.com", CoinSymbols.Iota, 1_500_000);
        First = await SnapshotAsync();
        await CreditAsync("bob@example.com", CoinSymbols.Iota, 250_000_000);
        await CreditAsync("bob@example.com", CoinSymbols.Bitcoin, 12_345);
        Second = await SnapshotAsync();
        Anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Alice = await App.LoggedInClientAsync("alice@example.com");
        Bob = await App.LoggedInClientAsync("bob@example.com");
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private async Task CreditAsync(string email, string coin, long amount)
    {
        var user = await App.UserIdAsync(email);
        var posted = await App.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Deposit(user, coin, amount, "test", $"{coin}:{user}"));
        Assert.True(posted.Succeeded, posted.Message);
    }

    private async Task<PublishedSnapshot> SnapshotAsync()
    {
        var outcome = await App.Services.GetRequiredService<ProofSnapshotBuilder>().TakeAsync(null, CancellationToken.None);
        return (await App.Services.GetRequiredService<ProofQueries>().FindAsync(outcome.SnapshotId))!;
    }
}

/// <summary>What the proof pages serve over HTTP: the public page and downloads for anyone, a proof for its own user only.</summary>
[Integration]
public class ProofEndpointsTests(ProofSnapshotsFixture snapshots) : IClassFixture<ProofSnapshotsFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_reads_the_snapshots_their_roots_reserves_and_the_published_key_without_signing_in()
    {
        var response = await snapshots.Anonymous.GetAsync("/proof", Token);
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"data-snapshot=\"{snapshots.Second.Id}\"", html);
        Assert.Contains($"data-snapshot=\"{snapshots.First.Id}\"", html);
        // The pages' scoped styles add an attribute after data-field.
        Assert.Matches($"data-field=\"root\"[^>]*>{snapshots.Second.Root}<", html);
        Assert.Matches($"data-field=\"published-fingerprint\"[^>]*>{snapshots.Second.KeyFingerprint}<", html);
        Assert.Contains("data-field=\"ratio\">", html);
        Assert.Contains(WebUtility.HtmlEncode(snapshots.Second.Manifest), html);
        Assert.Contains($"href=\"/proof/{snapshots.Second.Id}/leaves\"", html);
    }

    [Fact]
    public async Task The_leaves_download_alone_hashes_to_the_signed_root_and_totals()
    {
        var response = await snapshots.Anonymous.GetAsync($"/proof/{snapshots.Second.Id}/leaves", Token);
        var leaves = await response.Content.ReadAsByteArrayAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(leaves.Length, response.Content.Headers.ContentLength);
        var manifest = ProofManifest.Parse(snapshots.Second.Manifest);
        var (root, sums) = LeavesRoot.Of(leaves, manifest.Coins.Count);
        Assert.Equal(manifest.Root, Convert.ToHexStringLower(root));
        Assert.Equal(manifest.Coins.Select(c => c.Total), sums);
        Assert.Equal(manifest.LeafCount * (32 + 8 * manifest.Coins.Count), leaves.Length);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/proof/{snapshots.Second.Id}/leaves");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await snapshots.Anonymous.SendAsync(again, Token)).StatusCode);
    }

    [Fact]
    public async Task The_leaves_of_a_snapshot_that_no_longer_keeps_its_tree_are_gone_and_an_unknown_one_is_not_found()
    {
        var gone = await snapshots.Anonymous.GetAsync($"/proof/{snapshots.First.Id}/leaves", Token);
        var unknown = await snapshots.Anonymous.GetAsync("/proof/999/leaves", Token);

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal($"Snapshot {snapshots.First.Id} is too old: its tree is no longer kept, only its signed manifest.", await gone.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_manifest_download_is_the_exact_signed_text_under_the_published_key()
    {
        var manifest = await snapshots.Anonymous.GetByteArrayAsync($"/proof/{snapshots.First.Id}/manifest.json", Token);
        var key = await snapshots.Anonymous.GetStringAsync("/proof/public-key.pem", Token);

        Assert.Equal(Encoding.UTF8.GetBytes(snapshots.First.Manifest), manifest);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key);
        Assert.True(ecdsa.VerifyData(manifest, Convert.FromBase64String(snapshots.First.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task Each_signed_in_user_gets_their_own_proof_and_nothing_of_another_users()
    {
        var alice = await snapshots.Alice.GetAsync("/api/v1/proof", Token);
        var bob = await snapshots.Bob.GetStringAsync($"/api/v1/proof?snapshot={snapshots.Second.Id}&userId={await snapshots.App.UserIdAsync("alice@example.com")}", Token);
        var aliceJson = await alice.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        Assert.Equal("no-store", alice.Headers.CacheControl!.ToString());
        Assert.True(ProofVerifier.Verify(aliceJson, Expect(0, 1_500_000), snapshots.Second.PublicKey).Accepted);
        Assert.True(ProofVerifier.Verify(bob, Expect(12_345, 250_000_000), snapshots.Second.PublicKey).Accepted);
        Assert.DoesNotContain(LeafKey(aliceJson), bob);
        Assert.Equal(HttpStatusCode.Unauthorized, (await snapshots.Anonymous.GetAsync("/api/v1/proof", Token)).StatusCode);
    }

    [Fact]
    public async Task A_proof_of_a_snapshot_that_no_longer_keeps_its_tree_is_refused_with_the_reason()
    {
        var response = await snapshots.Bob.GetAsync($"/api/v1/proof?snapshot={snapshots.First.Id}", Token);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith($"Snapshot {snapshots.First.Id} is too old", problem.GetProperty("detail").GetString());
    }

    private static Dictionary<string, ulong> Expect(ulong btc, ulong miota) => new() { [CoinSymbols.Bitcoin] = btc, [CoinSymbols.Iota] = miota };

    private static string LeafKey(string proof)
    {
        using var document = JsonDocument.Parse(proof);
        return document.RootElement.GetProperty("leaf").GetProperty("key").GetString()!;
    }
}

/// <summary>
/// The root and sums of a leaves download, hashed here as docs/proof-of-liabilities.md says, with
/// nothing of the exchange's own tree code: a stack of subtrees, each pair of equal height joined.
/// </summary>
internal static class LeavesRoot
{
    public static (byte[] Root, ulong[] Sums) Of(byte[] leaves, int coins)
    {
        var record = 32 + 8 * coins;
        var stack = new Stack<(int Height, byte[] Hash, ulong[] Sums)>();
        for (var offset = 0; offset < leaves.Length; offset += record)
        {
            var sums = new ulong[coins];
            for (var coin = 0; coin < coins; coin++) sums[coin] = BinaryPrimitives.ReadUInt64BigEndian(leaves.AsSpan(offset + 32 + 8 * coin));
            var node = (Height: 0, Hash: leaves[offset..(offset + 32)], Sums: sums);
            while (stack.Count > 0 && stack.Peek().Height == node.Height)
            {
                var left = stack.Pop();
                node = (node.Height + 1, Join(left.Hash, left.Sums, node.Hash, node.Sums), [.. left.Sums.Zip(node.Sums, (a, b) => checked(a + b))]);
            }
            stack.Push(node);
        }
        var root = Assert.Single(stack);
        return (root.Hash, root.Sums);
    }

    private static byte[] Join(byte[] leftHash, ulong[] leftSums, byte[] rightHash, ulong[] rightSums)
    {
        var message = new List<byte> { 0x01 };
        foreach (var (hash, sums) in (IEnumerable<(byte[], ulong[])>)[(leftHash, leftSums), (rightHash, rightSums)])
        {
            message.AddRange(hash);
            foreach (var sum in sums)
            {
                var bytes = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(bytes, sum);
                message.AddRange(bytes);
            }
        }
        return SHA256.HashData(message.ToArray());
    }
}
