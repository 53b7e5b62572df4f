namespace Monitor.Control.Fleet;

/// <summary>What known_hosts says about a host key.</summary>
public enum HostKeyState { Known, Unknown, Changed, Revoked }
