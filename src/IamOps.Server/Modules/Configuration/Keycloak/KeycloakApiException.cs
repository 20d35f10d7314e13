using System.Net;

namespace IamOps.Server.Modules.Configuration.Keycloak;

/// <summary>Keycloak refused or failed a call: the status (null for a timeout or transport error), its own error text and what to check.</summary>
public sealed class KeycloakApiException : Exception
{
    public KeycloakApiException()
    {
    }

    public KeycloakApiException(string message) : base(message)
    {
    }

    public KeycloakApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public KeycloakApiException(HttpStatusCode? status, string request, string? keycloakError, string message, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Request = request;
        KeycloakError = keycloakError;
    }

    /// <summary>HTTP status Keycloak answered, or null when it did not answer (timeout, connection refused).</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>Method and path of the failed call, e.g. "GET /admin/realms/acme".</summary>
    public string Request { get; } = "";

    /// <summary>Keycloak's own error text from the body (error, errorMessage or error_description).</summary>
    public string? KeycloakError { get; }

    internal static string Explain(HttpStatusCode status, string request, string? keycloakError)
    {
        var said = keycloakError is null ? "" : $" (Keycloak says: \"{keycloakError}\")";
        var hint = (int)status switch
        {
            401 => "the admin credentials were refused or the token is invalid; check the cluster connection's client id, grant and secret",
            403 => "the account is authenticated but lacks admin roles (e.g. realm-management view-realm, view-clients, view-users)",
            404 => "the realm or object does not exist on this Keycloak",
            409 => "the change conflicts with existing data",
            >= 500 => "Keycloak failed on its side; see its server log",
            _ => "the request was rejected",
        };
        return $"Keycloak answered {(int)status} to {request}{said}: {hint}.";
    }
}
