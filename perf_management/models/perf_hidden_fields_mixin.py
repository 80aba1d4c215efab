from odoo import api, models
from odoo.osv import expression


def field_names(terms):
    """The fields of a model that ``terms`` (domain leaves, group-by or
    aggregate specifications, order terms) name: the first step of each
    path, without its ``:`` suffix."""
    names = set()
    for term in terms:
        if isinstance(term, list | tuple):
            term = term[0] if term else None
        if isinstance(term, str) and term.strip():
            names.add(term.split()[0].split(".")[0].split(":")[0])
    return names


def order_terms(order):
    return (order or "").split(",")


class PerfHiddenFieldsMixin(models.AbstractModel):
    """Stored fields that some readers may not read yet, record by record
    (the manager's review of an appraisal before it is submitted, for the
    employee appraised in it), which field groups cannot say.

    A model lists the guarded fields (:meth:`_get_guarded_fields`) and says
    which of them each record hides from the current user
    (:meth:`_get_hidden_fields`) and, as a domain, on which records the user
    may read some of them (:meth:`_get_shown_domain`). The mixin keeps them
    out of every read path: hidden values are blank in reads (the web
    client's included), and searches, orders and groupings (their aggregates
    too) that use a guarded field leave out the records where it is hidden.
    """

    _name = "perf.hidden.fields.mixin"
    _description = "Fields Hidden per Record"

    @api.model
    def _get_guarded_fields(self):
        """Names of the fields some records may hide."""
        return set()

    def _get_hidden_fields(self):
        """``{record id: names of the fields of that record hidden from the
        current user}`` (records hiding nothing are left out)."""
        return {}

    @api.model
    def _get_shown_domain(self, fnames):
        """Domain of the records on which the user may read all of
        ``fnames`` (empty when they hide nothing)."""
        return []

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if not self._get_guarded_fields() & set(fnames):
            return result
        hidden = self._get_hidden_fields()
        for vals in result:
            for fname in hidden.get(vals["id"], ()):
                if fname in vals:
                    vals[fname] = self._get_blank_value(fname)
        return result

    def _get_blank_value(self, fname):
        """What a hidden field reads as: 0 for numbers, else nothing."""
        return {"integer": 0, "float": 0.0}.get(self._fields[fname].type, False)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        shown = self._get_shown_domain(
            self._get_guarded_fields()
            & (field_names(domain or ()) | field_names(order_terms(order)))
        )
        if shown:
            domain = expression.AND([domain or [], shown])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        shown = self._get_shown_domain(
            self._get_guarded_fields()
            & (
                field_names(groupby)
                | field_names(aggregates)
                | field_names(having or ())
                | field_names(order_terms(order))
            )
        )
        if shown:
            domain = expression.AND([domain or [], shown])
        return super()._read_group(
            domain,
            groupby=groupby,
            aggregates=aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )
