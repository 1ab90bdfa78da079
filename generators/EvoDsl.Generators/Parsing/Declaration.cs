using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Threading;

namespace EvoDsl.Generators.Parsing;

/// <summary>
/// One [Experiment] class while it is parsed: its attributes, read into real instances of the DSL's
/// attribute classes (so every default is the one written in src/EvoDsl.Dsl, and nowhere else), and the
/// diagnostics found so far. Each learning system's module reads its own attributes through it.
/// </summary>
internal sealed class Declaration(INamedTypeSymbol type, string experiment, LocationInfo? classLocation, CancellationToken cancellation)
{
    /// <summary>The declared class.</summary>
    public INamedTypeSymbol Class { get; } = type;

    /// <summary>The experiment's name, as [Experiment] gives it.</summary>
    public string Experiment { get; } = experiment;

    /// <summary>The class name's location: where a problem of the declaration as a whole is reported.</summary>
    public LocationInfo? ClassLocation { get; } = classLocation;

    public CancellationToken Cancellation { get; } = cancellation;

    public List<DiagnosticInfo> Diagnostics { get; } = [];

    private ILookup<string, AttributeData>? _attributes;
    private readonly Dictionary<string, AttributeData[]> _deriving = new(StringComparer.Ordinal);

    /// <summary>The class's attributes by their class's full name, named once: every module asks for its own.</summary>
    private ILookup<string, AttributeData> Attributes =>
        _attributes ??= Class.GetAttributes().Where(a => a.AttributeClass is not null).ToLookup(a => a.AttributeClass!.ToDisplayString(), StringComparer.Ordinal);

    /// <summary>The first attribute of type <typeparamref name="T"/> on the class, or null.</summary>
    public AttributeData? Find<T>() where T : Attribute => Find(typeof(T).FullName!);

    public AttributeData? Find(string metadataName) => Attributes[metadataName].FirstOrDefault();

    /// <summary>Every attribute of type <typeparamref name="T"/> on the class, in declaration order.</summary>
    public AttributeData[] FindAll<T>() where T : Attribute => Attributes[typeof(T).FullName!].ToArray();

    /// <summary>The class's attributes whose class derives from <paramref name="baseMetadataName"/>, in declaration order.</summary>
    public AttributeData[] DerivingFrom(string baseMetadataName)
    {
        if (!_deriving.TryGetValue(baseMetadataName, out AttributeData[]? found))
            _deriving[baseMetadataName] = found = Class.GetAttributes().Where(a => DerivesFrom(a.AttributeClass, baseMetadataName)).ToArray();
        return found;
    }

    /// <summary>Whether <paramref name="type"/> derives, directly or not, from the class <paramref name="metadataName"/>.</summary>
    public static bool DerivesFrom(INamedTypeSymbol? type, string metadataName)
    {
        for (INamedTypeSymbol? t = type?.BaseType; t is not null; t = t.BaseType)
            if (t.ToDisplayString() == metadataName)
                return true;
        return false;
    }

    public LocationInfo? At(AttributeData attribute) =>
        LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(Cancellation).GetLocation());

    public static LocationInfo? At(ISymbol symbol) => LocationInfo.From(symbol.Locations.FirstOrDefault());

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? at, params object[] arguments) =>
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, at, arguments));

    /// <summary>Whether the declaration sets the named property <paramref name="name"/> of <paramref name="attribute"/>.</summary>
    public static bool IsSet(AttributeData attribute, string name) =>
        attribute.NamedArguments.Any(argument => argument.Key == name);

    /// <summary>
    /// The attribute as declared, as a real instance: its constructor called with the declared arguments (or
    /// their defaults while the attribute is half-typed), then each declared property set. An enum property
    /// given a value that names no member (a cast number) is reported (EVO0029) and keeps its default.
    /// </summary>
    public T Read<T>(AttributeData attribute) where T : Attribute
    {
        AttributeShape shape = AttributeShape.Of(typeof(T));
        object?[] arguments = new object?[shape.Parameters.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            Type type = shape.Parameters[i].ParameterType;
            arguments[i] = (i < attribute.ConstructorArguments.Length ? Convert(attribute.ConstructorArguments[i].Value, type) : null) ?? Default(type);
        }
        var instance = (T)shape.Constructor.Invoke(arguments);
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (!shape.Properties.TryGetValue(argument.Key, out PropertyInfo? property) || argument.Value.Value is null)
                continue;
            Type type = property.PropertyType;
            object value = Convert(argument.Value.Value, type)!;
            if (type.IsEnum && !Enum.IsDefined(type, value))
            {
                Report(DiagnosticDescriptors.UndefinedEnumValue, At(attribute), argument.Key, $"({type.Name}){argument.Value.Value}",
                    string.Join(", ", Enum.GetNames(type).Select(member => $"{type.Name}.{member}")));
                continue;
            }
            property.SetValue(instance, value);
        }
        return instance;
    }

    /// <summary>An attribute class's constructor and settable properties, looked up once per class.</summary>
    private sealed class AttributeShape
    {
        private static readonly ConcurrentDictionary<Type, AttributeShape> Shapes = new();

        private AttributeShape(Type type)
        {
            Constructor = type.GetConstructors().Single();
            Parameters = Constructor.GetParameters();
            Properties = type.GetProperties().Where(p => p.CanWrite).ToDictionary(p => p.Name, StringComparer.Ordinal);
        }

        public ConstructorInfo Constructor { get; }

        public ParameterInfo[] Parameters { get; }

        public Dictionary<string, PropertyInfo> Properties { get; }

        public static AttributeShape Of(Type type) => Shapes.GetOrAdd(type, t => new AttributeShape(t));
    }

    private static object? Convert(object? value, Type type) =>
        value switch
        {
            null => null,
            _ when type.IsInstanceOfType(value) => value,
            _ when type.IsEnum => Enum.ToObject(type, value),
            _ => System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
        };

    private static object? Default(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    /// <summary>
    /// The method marked with the hook attribute <typeparamref name="THook"/>, when the class has exactly one
    /// and <paramref name="hasSignature"/> accepts it; otherwise the diagnostic for a second hook or a wrong signature.
    /// </summary>
    public IMethodSymbol? Hook<THook>(Func<IMethodSymbol, bool> hasSignature,
        Func<IMethodSymbol, IMethodSymbol, DiagnosticInfo> duplicate, Func<IMethodSymbol, DiagnosticInfo> invalid) where THook : Attribute
    {
        IMethodSymbol[] hooks = Class.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == typeof(THook).FullName))
            .ToArray();
        if (hooks.Length == 0)
            return null;
        if (hooks.Length > 1)
        {
            Diagnostics.Add(duplicate(hooks[0], hooks[1]));
            return null;
        }
        if (!hasSignature(hooks[0]))
        {
            Diagnostics.Add(invalid(hooks[0]));
            return null;
        }
        return hooks[0];
    }

    public void RequirePositive(LocationInfo? at, string what, int value)
    {
        if (value < 1)
            Report(DiagnosticDescriptors.SizeMustBePositive, at, what, value);
    }

    public void RequireProbability(LocationInfo? at, string what, double value, bool allowZero)
    {
        bool valid = allowZero ? value >= 0 && value <= 1 : value > 0 && value <= 1;
        if (!valid)
            Report(DiagnosticDescriptors.ProbabilityOutOfRange, at, what, Code.Number(value), allowZero ? "[0, 1]" : "(0, 1]");
    }

    public void RequireFinitePositive(LocationInfo? at, string what, double value, string why)
    {
        if (!(value > 0) || double.IsInfinity(value))
            Report(DiagnosticDescriptors.ValueMustBePositive, at, what, Code.Number(value), why);
    }
}
