import { expect, test } from 'vitest';
import { parseGroupList } from './group-list.ts';

test('nothing typed is no list; an empty JSON array is the list of no groups', () => {
  expect(parseGroupList('')).toBeUndefined();
  expect(parseGroupList('  \n\t ')).toBeUndefined();
  expect(parseGroupList('[]')).toEqual({
    ok: true,
    groups: [],
    format: 'json',
    duplicates: 0,
  });
});

test('one group per line: spaces around names, quotes and blank lines dropped', () => {
  expect(
    parseGroupList('engineering\n  devops  \r\n\n"kafka admins"\n'),
  ).toEqual({
    ok: true,
    groups: ['engineering', 'devops', 'kafka admins'],
    format: 'lines',
    duplicates: 0,
  });
});

test('a line keeps its commas, so an LDAP DN stays one group', () => {
  expect(
    parseGroupList('CN=eng,OU=Groups,DC=acme,DC=com\nCN=ops,OU=Groups'),
  ).toMatchObject({
    groups: ['CN=eng,OU=Groups,DC=acme,DC=com', 'CN=ops,OU=Groups'],
    format: 'lines',
  });
});

test('comma-separated on one line, as an IdP shows them', () => {
  expect(parseGroupList('engineering, devops,,  "data" ')).toEqual({
    ok: true,
    groups: ['engineering', 'devops', 'data'],
    format: 'commas',
    duplicates: 0,
  });
});

test('a single name is one group, case and inner spaces kept', () => {
  expect(parseGroupList('  Kafka Admins ')).toEqual({
    ok: true,
    groups: ['Kafka Admins'],
    format: 'single',
    duplicates: 0,
  });
});

test('a JSON array is taken exactly, spaces included, repeats counted', () => {
  expect(parseGroupList('[" eng", "ops", "ops"]')).toEqual({
    ok: true,
    groups: [' eng', 'ops'],
    format: 'json',
    duplicates: 1,
  });
});

test('a JSON array that is not one of strings is explained', () => {
  expect(parseGroupList('["eng", 3]')).toEqual({
    ok: false,
    message:
      'Every group in the JSON array must be a string; item 2 is a number.',
  });
  expect(parseGroupList('["eng",')).toMatchObject({
    ok: false,
    message: expect.stringMatching(/not valid JSON/),
  });
  expect(parseGroupList('[{"name": "eng"}]')).toMatchObject({
    ok: false,
    message: expect.stringMatching(/item 1 is an object/),
  });
});

test('a SAML attribute’s values, entities decoded', () => {
  const xml = `<saml:Attribute Name="groups">
    <saml:AttributeValue xsi:type="xs:string">engineering</saml:AttributeValue>
    <saml:AttributeValue>R&amp;D</saml:AttributeValue>
    <saml:AttributeValue>engineering</saml:AttributeValue>
  </saml:Attribute>`;
  expect(parseGroupList(xml)).toEqual({
    ok: true,
    groups: ['engineering', 'R&D'],
    format: 'saml',
    attribute: 'groups',
    duplicates: 1,
  });
});

test('bare AttributeValue elements are read without their attribute', () => {
  expect(
    parseGroupList(
      '<AttributeValue>eng</AttributeValue><AttributeValue>ops</AttributeValue>',
    ),
  ).toEqual({
    ok: true,
    groups: ['eng', 'ops'],
    format: 'saml',
    duplicates: 0,
  });
});

test('a whole assertion: the groups attribute is picked by its name', () => {
  const xml = `<saml2:AttributeStatement>
    <saml2:Attribute Name="email"><saml2:AttributeValue>ada@acme.com</saml2:AttributeValue></saml2:Attribute>
    <saml2:Attribute Name="http://schemas.xmlsoap.org/claims/Group">
      <saml2:AttributeValue>eng</saml2:AttributeValue>
    </saml2:Attribute>
  </saml2:AttributeStatement>`;
  expect(parseGroupList(xml)).toMatchObject({
    ok: true,
    groups: ['eng'],
    attribute: 'http://schemas.xmlsoap.org/claims/Group',
  });
});

test('an assertion whose groups attribute cannot be told apart is refused, naming the attributes', () => {
  const xml = `<Attribute Name="email"><AttributeValue>a@b.c</AttributeValue></Attribute>
    <Attribute Name="roles"><AttributeValue>admin</AttributeValue></Attribute>`;
  expect(parseGroupList(xml)).toEqual({
    ok: false,
    message:
      'The assertion has 2 attributes (email, roles) and Lifeguard cannot tell which holds the groups: paste only the values of the groups attribute.',
  });
});
