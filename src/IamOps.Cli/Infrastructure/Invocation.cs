using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IamOps.Cli.Infrastructure;

/// <summary>One run of one command: its parsed values, configuration, server connection and output.</summary>
public sealed class Invocation(CliContext context, ParseResult parseResult)
{
    // Read by people and scripts, never embedded in HTML: '+' in offsets and the seed's Greek letters print as they are.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ParseResult ParseResult { get; } = parseResult;

    public IAnsiConsole Console => context.Console;

    public CliEnvironment Env => context.Env;

    public bool IsJson => ParseResult.GetValue(context.Output) == CliContext.JsonFormat;

    public T? Value<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Value<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>The configuration directory: --config-dir, the environment's, IAMOPS_CONFIG_DIR, $XDG_CONFIG_HOME/iamops, ~/.config/iamops.</summary>
    public string ConfigDirectory =>
        NonEmpty(ParseResult.GetValue(context.ConfigDir))
        ?? NonEmpty(Env.ConfigDirectory)
        ?? NonEmpty(Env.Variable("IAMOPS_CONFIG_DIR"))
        ?? (NonEmpty(Env.Variable("XDG_CONFIG_HOME")) is { } xdg ? Path.Combine(xdg, "iamops") : null)
        ?? Path.Combine(Env.HomeDirectory, ".config", "iamops");

    public ConfigStore Config => new(ConfigDirectory);

    /// <summary>The server to talk to: --server, IAMOPS_SERVER, then the one signed in to.</summary>
    public Uri ResolveServer(CliConfig config)
    {
        var text = NonEmpty(ParseResult.GetValue(context.Server)) ?? NonEmpty(Env.Variable("IAMOPS_SERVER")) ?? NonEmpty(config.Server)
            ?? throw CliException.Usage("No server given: pass --server URL (or set IAMOPS_SERVER), or run `iamops login --server URL` once.");
        return ParseServer(text);
    }

    public static Uri ParseServer(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw CliException.Usage($"--server: '{text}' is not an http(s) URL such as https://iamops.example.com.");
        }
        // A base address without a trailing slash would drop its last path segment from relative requests.
        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    /// <summary>A client signed in with IAMOPS_TOKEN, else with the stored session for that same server.</summary>
    public ApiClient Connect()
    {
        var store = Config;
        var config = store.Load();
        var server = ResolveServer(config);
        if (NonEmpty(Env.Variable("IAMOPS_TOKEN")) is { } token)
        {
            return ApiClient.WithPersonalToken(server, Env.HttpHandler, Env.Clock, token);
        }
        if (!config.HasSession)
        {
            throw new CliException(ExitCodes.Unauthorised, $"Not signed in to {Display(server)}.",
                ["hint: run `iamops login`, or set IAMOPS_TOKEN to a personal API token."]);
        }
        // The stored token belongs to the server it was issued by; never send it elsewhere.
        if (config.Server is null || ParseServer(config.Server) != server)
        {
            throw new CliException(ExitCodes.Unauthorised, $"Not signed in to {Display(server)} (the stored session is for {config.Server}).",
                [$"hint: run `iamops login --server {Display(server)}`, or set IAMOPS_TOKEN."]);
        }
        return ApiClient.WithSession(server, Env.HttpHandler, Env.Clock, store, config);
    }

    public ApiClient ConnectAnonymously(Uri server) => ApiClient.Anonymous(server, Env.HttpHandler, Env.Clock);

    /// <summary>Prints JSON as the server sent it, indented, on stdout.</summary>
    public void WriteJson(JsonNode? node) => Env.Out.WriteLine(node is null ? "null" : node.ToJsonString(Indented));

    public void Write(IRenderable renderable) => Console.Write(renderable);

    /// <summary>A line of plain text on stdout, never wrapped to the console width nor read as markup, so scripts can match it.</summary>
    public void Line(string text) => Env.Out.WriteLine(text);

    /// <summary>Prints the result as JSON or as the table the command builds.</summary>
    public int Show(JsonNode? result, Func<JsonNode?, IRenderable> table)
    {
        if (IsJson)
        {
            WriteJson(result);
        }
        else
        {
            Write(table(result));
        }
        return ExitCodes.Ok;
    }

    public static string Display(Uri server) => server.ToString().TrimEnd('/');

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
