namespace Monitor.Shared.Models;

public enum ActionSortField { Id, Start, End, User, Type, Server, Stack, Target, Success, Duration }
