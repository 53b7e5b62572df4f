namespace Monitor.Shared.Config;

/// <summary>[stacks.route.basic_auth]: user name and the password by reference (<see cref="PasswordEnv"/> or
/// <see cref="PasswordFile"/>); the agent only ever gets a bcrypt hash.</summary>
public sealed class RouteBasicAuthConfig
{
    public string Username { get; set; } = "";
    public string? PasswordEnv { get; set; }
    public string? PasswordFile { get; set; }
}
