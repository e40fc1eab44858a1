using System.Text.Json;
using Exchange.Core.Events;

namespace Exchange.Web.LiveUpdates;

/// <summary>A message on the backplane: the node that sent it, the event's type name, and the event.</summary>
public sealed record EventMessage(string Node, string Type, JsonElement? Event);

/// <summary>
/// Events as JSON with their type name. Only the event records of Exchange.Core are read; any other
/// name (a node of another version, say) is refused, never resolved as a type.
/// </summary>
public static class EventMessages
{
    /// <summary>Not an event: a node's check that its own messages come back to it.</summary>
    public const string Probe = "probe";

    private static readonly Dictionary<string, Type> Known = typeof(ExchangeEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ExchangeEvent)) && !t.IsAbstract)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IEnumerable<Type> KnownTypes => Known.Values;

    public static string Write(string node, ExchangeEvent exchangeEvent)
    {
        var type = exchangeEvent.GetType();
        return JsonSerializer.Serialize(new EventMessage(node, type.Name, JsonSerializer.SerializeToElement(exchangeEvent, type)));
    }

    public static string WriteProbe(string node) => JsonSerializer.Serialize(new EventMessage(node, Probe, null));

    /// <summary>The message, or null when it is not one.</summary>
    public static EventMessage? Read(string json)
    {
        try
        {
            var message = JsonSerializer.Deserialize<EventMessage>(json);
            return message is { Node: not null, Type: not null } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The event the message carries, or null when its type is not an event of this version.</summary>
    public static ExchangeEvent? EventOf(EventMessage message)
    {
        if (message.Event is not { } json || !Known.TryGetValue(message.Type, out var type)) return null;
        try
        {
            return (ExchangeEvent?)json.Deserialize(type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
