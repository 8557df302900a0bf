// A failure the investigator is told about in the status bar (the API refused, a field is
// empty); anything else is a fault of the page and goes to the console as well.
export class Refusal extends Error {}
