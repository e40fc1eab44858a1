using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Exchange.Tests.Infrastructure;

/// <summary>Posts the account pages' forms as a browser would: the form's antiforgery token, the client's cookies, no redirects followed.</summary>
public static partial class FormPosts
{
    public static HttpClient FormClient<TEntry>(this WebApplicationFactory<TEntry> app) where TEntry : class =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(url);
        fields["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts the form of one page to another address, as a form whose action points elsewhere does.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        fields["__RequestVerificationToken"] = Token().Match(await client.GetStringAsync(formPage)).Groups[1].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password, ["Input.RememberMe"] = "false" });

    public static Task<HttpResponseMessage> PostTwoFactorCodeAsync(this HttpClient client, string code) =>
        client.PostFormAsync("/Identity/Account/LoginWith2fa?rememberMe=false&returnUrl=%2F", new() { ["Input.TwoFactorCode"] = code, ["Input.RememberMachine"] = "false" });

    /// <summary>The page's text with HTML entities decoded, for asserting on sentences.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
