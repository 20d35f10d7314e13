using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IamOps.Cli.Infrastructure;

/// <summary>Calls the IamOps API: adds the bearer token, refreshes an expired session, turns ProblemDetails into <see cref="CliException"/>.</summary>
public sealed class ApiClient : IDisposable
{
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string? _personalToken;
    private readonly ConfigStore? _store;
    private readonly TimeProvider _clock;
    private CliConfig? _session;

    private ApiClient(Uri server, HttpMessageHandler? handler, TimeProvider clock, string? personalToken, ConfigStore? store, CliConfig? session)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { BaseAddress = server };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("iamops-cli", typeof(ApiClient).Assembly.GetName().Version?.ToString(3) ?? "1.0"));
        _clock = clock;
        _personalToken = personalToken;
        _store = store;
        _session = session;
        Server = server;
    }

    public Uri Server { get; }

    /// <summary>A client that sends no credentials (to sign in).</summary>
    public static ApiClient Anonymous(Uri server, HttpMessageHandler? handler, TimeProvider clock) =>
        new(server, handler, clock, null, null, null);

    /// <summary>A client that sends a personal API token.</summary>
    public static ApiClient WithPersonalToken(Uri server, HttpMessageHandler? handler, TimeProvider clock, string token) =>
        new(server, handler, clock, token, null, null);

    /// <summary>A client that sends the session's bearer token and refreshes it into the store when it expires.</summary>
    public static ApiClient WithSession(Uri server, HttpMessageHandler? handler, TimeProvider clock, ConfigStore store, CliConfig session) =>
        new(server, handler, clock, null, store, session);

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct, string? notFound = null) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), notFound, ct);

    public Task<JsonNode?> PostAsync(string path, JsonObject? body, CancellationToken ct, string? notFound = null) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonBody(body ?? []) }, notFound, ct);

    public Task<JsonNode?> PutAsync(string path, JsonObject body, CancellationToken ct, string? notFound = null) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonBody(body) }, notFound, ct);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken ct, string? notFound = null) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, path), notFound, ct);

    /// <summary>Starts a GET whose body the caller streams; the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenAsync(string path, CancellationToken ct, string? notFound = null)
    {
        var response = await SendWithRefreshAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProblemAsync(response, notFound, ct);
            }
        }
        return response;
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> SendAsync(Func<HttpRequestMessage> create, string? notFound, CancellationToken ct)
    {
        using var response = await SendWithRefreshAsync(create, HttpCompletionOption.ResponseContentRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemAsync(response, notFound, ct);
        }
        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Failure, $"The server at {Invocation.Display(Server)} answered with something that is not JSON ({ex.Message}): is --server the IamOps URL?");
        }
    }

    private async Task<HttpResponseMessage> SendWithRefreshAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken ct)
    {
        if (_session is not null && IsExpired(_session))
        {
            await RefreshAsync(ct);
        }

        var response = await SendOnceAsync(create, completion, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized && _session?.RefreshToken is not null)
        {
            // The server may have restarted with new keys or the clocks may disagree: one refresh, one retry.
            response.Dispose();
            await RefreshAsync(ct);
            response = await SendOnceAsync(create, completion, ct);
        }
        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken ct)
    {
        using var request = create();
        var token = _personalToken ?? _session?.AccessToken;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            return await _http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.Failure, $"Cannot reach the server at {Invocation.Display(Server)}: {ex.Message}");
        }
    }

    private bool IsExpired(CliConfig session) =>
        session.AccessTokenExpiresAt is { } expires && _clock.GetUtcNow() >= expires - ExpirySkew;

    private async Task RefreshAsync(CancellationToken ct)
    {
        var session = _session!;
        if (session.RefreshToken is null)
        {
            throw new CliException(ExitCodes.Unauthorised, "Your session has expired.", ["hint: run `iamops login` to sign in again."]);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync("api/v1/auth/refresh", JsonBody(new JsonObject { ["refreshToken"] = session.RefreshToken }), ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.Failure, $"Cannot reach the server at {Invocation.Display(Server)}: {ex.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemAsync(response, null, ct);
            }
            JsonNode? answer;
            try
            {
                answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
            }
            catch (JsonException ex)
            {
                throw new CliException(ExitCodes.Failure, $"The server's token answer is not JSON: {ex.Message}");
            }
            var tokens = TokenResponse.From(answer, _clock);
            _session = session with
            {
                AccessToken = tokens.AccessToken,
                RefreshToken = tokens.RefreshToken ?? session.RefreshToken,
                AccessTokenExpiresAt = tokens.ExpiresAt,
            };
            _store?.Save(_session);
        }
    }

    private static StringContent JsonBody(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private Task<CliException> ProblemAsync(HttpResponseMessage response, string? notFound, CancellationToken ct) =>
        ApiProblem.ToExceptionAsync(response, notFound, _personalToken is not null ? ApiProblem.Credentials.PersonalToken
            : _session is not null ? ApiProblem.Credentials.Session : ApiProblem.Credentials.None, ct);
}
