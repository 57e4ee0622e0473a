/** Name lists for demo people: mixed origins so lists, search and sorting look like a real client book. */
export const FIRST_NAMES = [
  "Olivia", "Emma", "Amelia", "Sophia", "Charlotte", "Mia", "Harper", "Evelyn", "Abigail", "Emily",
  "Madison", "Chloe", "Grace", "Hannah", "Natalie", "Rachel", "Megan", "Lauren", "Jessica", "Sarah",
  "Maya", "Aaliyah", "Imani", "Keisha", "Nia", "Zora", "Tiana", "Jada", "Brianna", "Destiny",
  "Sofía", "Valentina", "Camila", "Isabella", "Lucía", "Mariana", "Gabriela", "Daniela", "Ximena", "Paola",
  "Priya", "Ananya", "Aisha", "Fatima", "Zainab", "Noor", "Leila", "Yasmin", "Sana", "Meera",
  "Mei", "Yuki", "Hana", "Ji-woo", "Seo-yeon", "Linh", "Thảo", "Xin", "Aiko", "Min-ji",
  "Chiamaka", "Amara", "Adaeze", "Folake", "Abena", "Wanjiru", "Nomvula", "Thandiwe", "Ayana", "Eshe",
  "Ingrid", "Freya", "Astrid", "Siobhán", "Niamh", "Zoë", "Chloé", "Manon", "Giulia", "Francesca",
  "Olga", "Katarzyna", "Ana", "Elena", "Irina", "Dana", "Rivka", "Talia", "Noa", "Esther",
  "James", "Daniel", "Marcus", "Andre", "Mateo", "Diego", "Arjun", "Kenji", "Omar", "Liam",
  "Jordan", "Taylor", "Alex", "Riley", "Casey", "Morgan", "Sam", "Jamie", "Quinn", "Avery",
] as const;

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
  "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
  "García", "Martínez", "Rodríguez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
  "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Castillo", "Ortiz", "Vargas", "Mendoza",
  "Nguyen", "Tran", "Le", "Pham", "Kim", "Lee", "Park", "Choi", "Chen", "Wang",
  "Li", "Zhang", "Liu", "Huang", "Wong", "Tanaka", "Sato", "Suzuki", "Takahashi", "Yamamoto",
  "Patel", "Shah", "Singh", "Kumar", "Gupta", "Iyer", "Reddy", "Khan", "Ahmed", "Hussain",
  "Okafor", "Adeyemi", "Mensah", "Owusu", "Okonkwo", "Mwangi", "Dlamini", "Nkosi", "Diallo", "Abebe",
  "O'Brien", "O'Connor", "McCarthy", "Murphy", "Kelly", "Byrne", "MacLeod", "Campbell", "Fraser", "Stewart",
  "Müller", "Schmidt", "Novak", "Kowalski", "Ivanova", "Petrov", "Rossi", "Russo", "Dubois", "Lefèvre",
  "Haddad", "Khoury", "Nasser", "Cohen", "Levi", "Friedman", "Andersson", "Johansson", "Nielsen", "Hansen",
  "Smith-Jones", "Da Silva", "Dos Santos", "Van der Berg", "De Luca", "St. James", "Ali", "Yilmaz", "Demir", "Kaya",
] as const;

/** Stylists: first names are distinct because they make up the login email (ava.stylist@...). */
export const STYLIST_NAMES = [
  "Ava Thompson", "Priya Raman", "Mateo Alvarez", "Grace Kim", "Noor Haddad", "Lucia Romano",
  "Kwame Mensah", "Hannah Fischer", "Sienna Walsh", "Jonah Park", "Imani Brooks", "Elena Petrova",
  "Theo Laurent", "Mina Sato", "Carmen Ortiz", "Dev Malhotra", "Rosa Lindqvist", "Isaac Cohen",
  "Layla Nasser", "Owen Gallagher", "Zara Ahmed", "Felix Wagner", "Nadia Osei", "Ruby Chen",
] as const;

/** Email providers on the reserved .test domain, so no demo address can ever reach a real inbox. */
export const EMAIL_DOMAINS = ["mail.test", "inbox.test", "example.test", "post.test", "webmail.test"] as const;

/** "Zoë O'Brien-Smith" -> "zoeobriensmith": ASCII letters only, so the digits we append stay unambiguous. */
export function emailPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
