using System.Net;
using System.Text.RegularExpressions;

namespace IamOps.Server.Tests.Identity;

/// <summary>
/// A browser without JavaScript: follows redirects between IamOps and the identity provider with one cookie jar,
/// submits the provider's login and consent forms, and posts its form_post response back to IamOps.
/// </summary>
public sealed partial class SsoBrowser : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _iamOps;

    public SsoBrowser(Uri iamOps)
    {
        _iamOps = iamOps;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = iamOps,
        };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every URL requested, in order.</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>A request to IamOps with the cookies collected so far.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken ct) => _http.GetAsync(path, ct);

    /// <summary>
    /// Starts at <paramref name="path"/> on IamOps and goes wherever it is sent, signing in at the provider with the
    /// given credentials and consenting; returns where IamOps finally sends the browser (its path and query).
    /// </summary>
    public async Task<string> SignInAsync(string path, string email, string password, CancellationToken ct)
    {
        var url = new Uri(_iamOps, path);
        var response = await SendAsync(HttpMethod.Get, url, null, ct);
        for (var step = 0; step < 20; step++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect)
            {
                var next = new Uri(url, response.Headers.Location!);
                if (IsIamOps(next) && !IsSsoPath(next))
                {
                    return next.PathAndQuery;
                }
                url = next;
                response = await SendAsync(HttpMethod.Get, url, null, ct);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK || IsIamOps(url) || FormPattern().Match(html) is not { Success: true } form)
            {
                throw new InvalidOperationException($"Stuck at {url} ({(int)response.StatusCode}): {html}");
            }

            var fields = InputPattern().Matches(form.Groups["inputs"].Value)
                .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            if (fields.ContainsKey("email"))
            {
                fields["email"] = email;
                fields["password"] = password;
            }
            url = new Uri(url, WebUtility.HtmlDecode(form.Groups["action"].Value));
            response = await SendAsync(HttpMethod.Post, url, new FormUrlEncodedContent(fields), ct);
        }
        throw new InvalidOperationException("Too many redirects: " + string.Join(" -> ", Visited));
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, HttpContent? content, CancellationToken ct)
    {
        Visited.Add(url);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        return await _http.SendAsync(request, ct);
    }

    private bool IsIamOps(Uri url) => url.Authority == _iamOps.Authority;

    private static bool IsSsoPath(Uri url) =>
        url.AbsolutePath.StartsWith("/account/sso/", StringComparison.Ordinal) || url.AbsolutePath.StartsWith("/signin-oidc/", StringComparison.Ordinal);

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]*)">(?<inputs>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input type="[^"]*" name="(?<name>[^"]*)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex InputPattern();
}
