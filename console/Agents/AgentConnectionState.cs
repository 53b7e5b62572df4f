namespace Monitor.Control.Agents;

public enum AgentConnectionState { Disconnected, Connecting, Online, AuthFailed, Unreachable }
