using System.Linq.Expressions;

namespace Controls.Api.OData;

/// <summary>A navigation collection a projection can fill: its correlated source query and the projection of its items.</summary>
public sealed class NavigationBinding<TSource>(string property, Func<ExpansionPlan, LambdaExpression> build)
{
    public string Property { get; } = property;

    /// <summary>Builds <c>source => source-query.Select(item-projection).ToList()</c> for the nested plan.</summary>
    public LambdaExpression Build(ExpansionPlan plan) => build(plan);
}

/// <summary>Composes read-model projections: a structural member-init plus only the navigations a plan asks for.</summary>
public static class Projection
{
    public static NavigationBinding<TSource> Navigation<TSource, TItem, TItemModel>(
        string property,
        Expression<Func<TSource, IQueryable<TItem>>> source,
        Func<ExpansionPlan, Expression<Func<TItem, TItemModel>>> itemProjection) =>
        new(property, plan =>
        {
            var select = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(TItem), typeof(TItemModel)], source.Body, Expression.Quote(itemProjection(plan)));
            var toList = Expression.Call(typeof(Enumerable), nameof(Enumerable.ToList), [typeof(TItemModel)], select);
            return Expression.Lambda(toList, source.Parameters);
        });

    public static Expression<Func<TSource, TModel>> Build<TSource, TModel>(
        Expression<Func<TSource, TModel>> structural, ExpansionPlan plan, params NavigationBinding<TSource>[] navigations)
    {
        if (structural.Body is not MemberInitExpression init)
        {
            throw new ArgumentException("A read-model projection must be a member-init expression.", nameof(structural));
        }

        var parameter = structural.Parameters[0];
        var bindings = init.Bindings.ToList();
        foreach (var navigation in navigations.Where(n => plan.Includes(n.Property)))
        {
            var lambda = navigation.Build(plan.Into(navigation.Property));
            var body = new ReplaceParameter(lambda.Parameters[0], parameter).Visit(lambda.Body);
            var member = typeof(TModel).GetProperty(navigation.Property)
                ?? throw new InvalidOperationException($"{typeof(TModel).Name} has no navigation {navigation.Property}.");
            bindings.Add(Expression.Bind(member, body));
        }

        return Expression.Lambda<Func<TSource, TModel>>(Expression.MemberInit(init.NewExpression, bindings), parameter);
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
