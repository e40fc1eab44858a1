using System.Globalization;
using System.Text.Encodings.Web;

namespace Exchange.Web.Security;

/// <summary>The answer to a request over a rate limit: 429, <c>Retry-After</c> and a sentence a person understands.</summary>
public static class RateLimitRefusal
{
    public static string Sentence(TimeSpan retryAfter) =>
        $"Too many attempts in a short time. Please wait {Wait(retryAfter)} and try again.";

    public static string NewAddressSentence(TimeSpan retryAfter) =>
        $"You asked for many new deposit addresses in a short time. Please wait {Wait(retryAfter)} and try again.";

    public static string Wait(TimeSpan retryAfter)
    {
        var seconds = Seconds(retryAfter);
        if (seconds < 90)
            return seconds == 1 ? "1 second" : $"{seconds} seconds";
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        return $"{minutes} minutes";
    }

    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);

    public static Task WriteAsync(HttpContext context, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        SetRetryAfter(response, retryAfter);
        if (context.Request.Path.StartsWithSegments("/api"))
            return Results.Problem(Sentence(retryAfter), statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context);
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(Page(context.Request.PathBase, Sentence(retryAfter)), cancellationToken);
    }

    private static string Page(PathString pathBase, string sentence)
    {
        var html = HtmlEncoder.Default;
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8" /><title>Too many attempts · Exchange</title><link rel="stylesheet" href="{html.Encode(pathBase + "/account.css")}" /></head>
            <body>
            <main class="account-main container">
            <h1>Too many attempts</h1>
            <p id="rate-limited">{html.Encode(sentence)}</p>
            <p><a href="{html.Encode(pathBase + "/")}">Back to the exchange</a></p>
            </main>
            </body>
            </html>
            """;
    }
}
