using System.Text;
using Exchange.Core.Accounts;
using Exchange.Core.Proofs;
using Exchange.Web.Api;
using Exchange.Web.Components.Shared;
using Exchange.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Exchange.Web.Components.Pages.Proofs;

/// <summary>
/// What the proof-of-liabilities pages link to. Anyone: the published key, each snapshot's signed
/// manifest (its exact bytes) and its leaves, streamed. A signed-in user (login cookie or a key
/// with <c>read</c>): their own proof file, at <c>/api/v1/proof</c> so that a script or a client
/// gets a status code, never a login page.
/// </summary>
public static class ProofEndpoints
{
    public const string PublicKeyPath = "/proof/public-key.pem";

    public static string ManifestPath(long snapshotId) => $"/proof/{snapshotId}/manifest.json";

    public static string LeavesPath(long snapshotId) => $"/proof/{snapshotId}/leaves";

    public static string UserProofPath(long snapshotId) => $"/api/v1/proof?snapshot={snapshotId}";

    // A snapshot never changes once published; it can only lose its tree, which ends its leaves' download.
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapProofOfLiabilities(this IEndpointRouteBuilder endpoints)
    {
        var published = endpoints.MapGroup("/proof").AllowAnonymous();
        published.MapGet("/public-key.pem", (ProofSigningKey key) => Results.Text(key.PublicKey.Pem, "application/x-pem-file", Encoding.ASCII));
        published.MapGet("/{id:long}/manifest.json", ManifestAsync);
        published.MapGet("/{id:long}/leaves", LeavesAsync);
        endpoints.MapGroup("/api/v1").RequireAuthorization(ApiEndpoints.Policy).RequireAuthorization(ScopePolicies.For(ApiKeyScopes.Read)).WithTags("Exchange")
            .MapGet("/proof", UserProofAsync);
        return endpoints;
    }

    private static async Task<IResult> ManifestAsync(long id, HttpContext context, ProofQueries proofs)
    {
        if (await proofs.FindAsync(id, context.RequestAborted) is not { } snapshot)
            return Results.Text($"There is no published snapshot {id}.", statusCode: StatusCodes.Status404NotFound);
        context.Response.Headers.CacheControl = Immutable;
        return Results.File(Encoding.UTF8.GetBytes(snapshot.Manifest), "application/json", $"proof-of-liabilities-{id}-manifest.json");
    }

    /// <summary><c>GET /proof/{id}/leaves</c>: every leaf's hash and sums (<see cref="LeavesDownload"/>), streamed.</summary>
    private static async Task LeavesAsync(long id, HttpContext context, ProofLeafDownloads downloads)
    {
        var response = context.Response;
        var found = await downloads.FindAsync(id, context.RequestAborted);
        if (found.Download is not { } download)
        {
            response.StatusCode = found.Gone ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
            await response.WriteAsync(found.Problem!, context.RequestAborted);
            return;
        }
        var tag = new EntityTagHeaderValue($"\"{download.Root}\"");
        response.Headers.CacheControl = Immutable;
        response.Headers.ETag = tag.ToString();
        if (EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var asked) && asked.Any(t => t.Compare(tag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = "application/octet-stream";
        response.ContentLength = download.Length;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = download.FileName }.ToString();
        try
        {
            await downloads.WriteAsync(download, response.Body, context.RequestAborted);
        }
        catch (InvalidOperationException)
        {
            // The tree was dropped while it was being sent: end the response short of its length, so no client takes it for whole.
            context.Abort();
        }
    }

    /// <summary><c>GET /api/v1/proof?snapshot=</c>: the signed-in user's proof file (of the newest snapshot without <c>snapshot</c>).</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> UserProofAsync(HttpContext context, ProofQueries proofs, long? snapshot)
    {
        var result = await proofs.ForUserAsync(UserIds.Of(context.User), snapshot, context.RequestAborted);
        if (result.Proof is not { } proof)
            return TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound, title: "No proof");
        // The file holds the user's balances and their key in the snapshot: no cache keeps it.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(Encoding.UTF8.GetBytes(proof.Json), "application/json", proof.FileName);
    }
}
