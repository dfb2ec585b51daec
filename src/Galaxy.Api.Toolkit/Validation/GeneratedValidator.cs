using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Validation;

/// <summary>
/// A validator generated at compile time for a request type. It implements FluentValidation's
/// <see cref="IValidator{T}"/> (failures carry the member path as <c>PropertyName</c> and the failure type as
/// <c>ErrorCode</c>) and is registered in DI by <c>AddGalaxyApi</c>, so code that expects a FluentValidation validator
/// can use it.
/// </summary>
/// <typeparam name="T">The validated type.</typeparam>
public abstract class GeneratedValidator<T> : IValidator<T>
{
    /// <summary>Runs the generated checks, recording failures in <paramref name="context"/>.</summary>
    /// <param name="instance">The value.</param>
    /// <param name="context">Where failures go.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract void Validate(T instance, ValidationContext context);

    /// <inheritdoc/>
    public ValidationResult Validate(T instance)
    {
        var context = ValidationContext.Rent("body");
        try
        {
            if (instance is not null)
            {
                Validate(instance, context);
            }

            return new ValidationResult(context.Errors?.Errors.Select(ToFailure) ?? []);
        }
        finally
        {
            ValidationContext.Return(context);
        }
    }

    /// <inheritdoc/>
    public Task<ValidationResult> ValidateAsync(T instance, CancellationToken cancellation = default) => Task.FromResult(Validate(instance));

    /// <inheritdoc/>
    public ValidationResult Validate(IValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Validate((T)context.InstanceToValidate);
    }

    /// <inheritdoc/>
    public Task<ValidationResult> ValidateAsync(IValidationContext context, CancellationToken cancellation = default) => Task.FromResult(Validate(context));

    /// <inheritdoc/>
    public IValidatorDescriptor CreateDescriptor() => new ValidatorDescriptor<T>([]);

    /// <inheritdoc/>
    public bool CanValidateInstancesOfType(Type type) => typeof(T).IsAssignableFrom(type);

    private static ValidationFailure ToFailure(ValidationError error)
    {
        var path = new StringBuilder();
        for (var i = 1; i < error.Location.Count; i++)
        {
            if (error.Location[i] is int index)
            {
                path.Append('[').Append(index).Append(']');
            }
            else
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(error.Location[i]);
            }
        }

        return new ValidationFailure(path.ToString(), error.Message) { ErrorCode = error.Type };
    }
}

/// <summary>
/// The generated validators of the application's assemblies, registered by generated module initializers and added to
/// DI by <c>AddGalaxyApi</c> as <see cref="IValidator{T}"/> singletons.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedValidators
{
    private static readonly ConcurrentQueue<Action<IServiceCollection>> Registrations = new();

    /// <summary>Records a validator; called by generated code when its assembly loads.</summary>
    /// <param name="validator">The validator.</param>
    public static void Register<T>(GeneratedValidator<T> validator)
        => Registrations.Enqueue(services => services.AddSingleton<IValidator<T>>(validator));

    internal static void AddTo(IServiceCollection services)
    {
        foreach (var registration in Registrations)
        {
            registration(services);
        }
    }
}
