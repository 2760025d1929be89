/*
 * The guide's fixed choices for packages, from the one catalog main validates against
 * (plain constants: the only runtime import the renderer takes from preload/).
 */
export {
  ROUTES as ROUTE_CHOICES,
  ROUTE_LABELS as ROUTE_NAMES,
  SUBACCOUNT_FIELDS as EDITABLE_SUBACCOUNT_FIELDS,
  SUBACCOUNT_FIELD_LABELS as EDITABLE_SUBACCOUNT_FIELD_NAMES,
  CLIENT_SERVICES as PORTAL_SERVICES,
  CLIENT_SERVICE_LABELS as PORTAL_SERVICE_NAMES,
} from '../../../../preload/schemas/catalog';
